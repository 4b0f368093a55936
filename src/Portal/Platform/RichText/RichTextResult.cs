using Portal.Platform.Files;
using Portal.Platform.Validation;

namespace Portal.Platform.RichText;

/// <summary>
/// A rich-text value ready to save: <see cref="Html"/> (sanitized; null when there is nothing to show) and its
/// <see cref="PlainText"/> copy ("" when empty). Store both; render Html only through <see cref="RichTextHtml"/> or
/// the &lt;rich-text&gt; tag helper.
/// </summary>
public sealed record RichTextResult(string? Html, string PlainText)
{
    public static readonly RichTextResult Empty = new(null, "");

    /// <summary>
    /// Files created from <c>data:</c> images during <see cref="RichText.CleanAsync"/>: staged in the caller's
    /// <c>PortalDb</c> and saved with its change. If that save fails, pass them to <c>FileUploads.DiscardAsync</c>.
    /// </summary>
    public IReadOnlyList<StoredFile> ExtractedImages { get; init; } = [];

    public bool IsEmpty => Html is null;

    /// <summary>Length in plain-text characters, the unit every rich-text limit is stated in (platform.md §4).</summary>
    public int Length => PlainText.Length;

    /// <summary>
    /// Adds "Campo obrigatório." (when <paramref name="required"/> and empty) or "Máximo de N caracteres." (plain text
    /// longer than <paramref name="maxLength"/>) to <paramref name="errors"/>; returns whether the value is valid.
    /// </summary>
    public bool Validate(FieldErrors errors, string field, int maxLength, bool required = false)
    {
        if (IsEmpty)
        {
            if (!required) return true;
            errors.Add(field, Validators.Required);
            return false;
        }
        if (Length <= maxLength) return true;
        errors.Add(field, Validators.MaxLength(maxLength));
        return false;
    }
}
