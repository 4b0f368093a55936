using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Portal.Platform.Files;

namespace Portal.Platform.RichText;

/// <summary>
/// <c>&lt;textarea data-richtext data-max="20000" asp-for="Description"&gt;</c> becomes the Quill editor (editor.js):
/// this adds the palette and the image upload URL, and asks the layout to load the editor's script and styles.
/// The textarea keeps the HTML, so forms post it as usual; the server cleans it with <see cref="RichText.CleanAsync"/>.
/// </summary>
[HtmlTargetElement("textarea", Attributes = "data-richtext")]
public sealed class RichTextEditorTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        RichTextAssets.Require(ViewContext.HttpContext);
        if (!output.Attributes.ContainsName("data-palette")) output.Attributes.SetAttribute("data-palette", RichTextPalette.DataAttribute);
        if (!output.Attributes.ContainsName("data-upload-url")) output.Attributes.SetAttribute("data-upload-url", FileEndpoints.EditorImageRoute);
    }
}

/// <summary><c>&lt;rich-text html="@Model.Task.DescriptionHtml" class="mb-3" /&gt;</c>: saved rich text, sanitized.</summary>
[HtmlTargetElement("rich-text", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RichTextViewTagHelper : TagHelper
{
    public string? Html { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass(RichTextHtml.CssClass, System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Content.SetHtmlContent(RichTextHtml.Content(Html));
    }
}

/// <summary>
/// <c>&lt;richtext-assets /&gt;</c>: loads the editor on a page whose editors arrive later through htmx (renders
/// nothing itself; the layout adds the script and styles to the head).
/// </summary>
[HtmlTargetElement("richtext-assets", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RichTextAssetsTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        RichTextAssets.Require(ViewContext.HttpContext);
        output.SuppressOutput();
    }
}

/// <summary>Pages render before the layout, so an editor on the page can still ask for the head's assets.</summary>
public static class RichTextAssets
{
    private const string Item = "richtext-assets";

    public static void Require(HttpContext http) => http.Items[Item] = true;

    public static bool Required(HttpContext http) => http.Items.ContainsKey(Item);
}
