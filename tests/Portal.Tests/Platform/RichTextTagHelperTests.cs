using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Portal.Platform.Files;
using Portal.Platform.RichText;

namespace Portal.Tests.Platform;

/// <summary>The two tag helpers pages use: the editor textarea and the sanitized display.</summary>
public sealed class RichTextTagHelperTests
{
    [Fact]
    public void Editor_textarea_gets_the_palette_and_upload_url_and_asks_for_the_assets()
    {
        var http = new DefaultHttpContext();
        var helper = new RichTextEditorTagHelper { ViewContext = new ViewContext { HttpContext = http } };
        var output = Output("textarea", new TagHelperAttributeList { { "data-richtext", "" }, { "data-max", "20000" } });
        Assert.False(RichTextAssets.Required(http));

        helper.Process(Context(), output);

        Assert.True(RichTextAssets.Required(http));
        Assert.Equal(RichTextPalette.DataAttribute, output.Attributes["data-palette"].Value);
        Assert.Equal(FileEndpoints.EditorImageRoute, output.Attributes["data-upload-url"].Value);
        Assert.Equal("20000", output.Attributes["data-max"].Value);
        Assert.StartsWith("black:#000000,", RichTextPalette.DataAttribute);
    }

    [Fact]
    public void Rich_text_element_renders_sanitized_content_in_a_rich_text_div()
    {
        var helper = new RichTextViewTagHelper { Html = "<p class=\"ql-align-center\" style=\"color:red\">a</p><img src=x onerror=alert(1)>" };
        var output = Output("rich-text", new TagHelperAttributeList { { "class", "mb-3" } });

        helper.Process(Context(), output);

        Assert.Equal("div", output.TagName);
        Assert.Equal("mb-3 rich-text", output.Attributes["class"].Value.ToString());
        Assert.Equal("<p class=\"ql-align-center ql-color-red\">a</p>", output.Content.GetContent());
    }

    private static TagHelperContext Context() => new([], new Dictionary<object, object>(), Guid.NewGuid().ToString("N"));

    private static TagHelperOutput Output(string tag, TagHelperAttributeList attributes) =>
        new(tag, attributes, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
}
