using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Portal.Platform.RichText;

/// <summary>
/// The only way rich text reaches a page: the stored HTML goes through the allow-list again on the way out (defence
/// in depth against rows written by anything other than <see cref="RichText.CleanAsync"/>), wrapped in
/// <c>&lt;div class="rich-text"&gt;</c> so richtext.css can style the editor's classes. Modules never call Html.Raw.
/// </summary>
public static class RichTextHtml
{
    public const string CssClass = "rich-text";

    /// <summary>The sanitized content, without a wrapper (empty when there is nothing to show).</summary>
    public static IHtmlContent Content(string? storedHtml) =>
        RichTextSanitizer.Instance.Clean(storedHtml).Html is { } html ? new HtmlString(html) : HtmlString.Empty;

    /// <summary><c>@Html.RichText(Model.Task.DescriptionHtml)</c> → <c>&lt;div class="rich-text"&gt;…&lt;/div&gt;</c>.</summary>
    public static IHtmlContent RichText(this IHtmlHelper html, string? storedHtml, string? extraClass = null)
    {
        var div = new TagBuilder("div");
        div.AddCssClass(CssClass);
        if (!string.IsNullOrWhiteSpace(extraClass)) div.AddCssClass(extraClass);
        div.InnerHtml.AppendHtml(Content(storedHtml));
        return div;
    }
}
