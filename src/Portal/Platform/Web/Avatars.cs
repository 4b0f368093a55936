using System.Globalization;

namespace Portal.Platform.Web;

/// <summary>
/// How a person is pictured anywhere in the portal: their photo (identity.md §2), or their initials when they have none.
/// The photo route itself is mapped by the Account feature; every page links to it through here.
/// </summary>
public static class Avatars
{
    /// <summary>The photo address with the file id as cache buster, so a new photo is never served stale.</summary>
    public static string? PhotoUrl(long userId, Guid? photoFileId) =>
        photoFileId is Guid file ? string.Create(CultureInfo.InvariantCulture, $"/usuarios/{userId}/foto?v={file:N}") : null;

    /// <summary>First letters of the first and last names ("Ana Maria Souza" → "AS"); "?" when there is no name.</summary>
    public static string Initials(string? fullName)
    {
        var words = (fullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => char.IsLetterOrDigit(w[0]))
            .ToArray();
        if (words.Length == 0) return "?";
        var first = words[0][..1];
        var last = words.Length > 1 ? words[^1][..1] : "";
        return (first + last).ToUpper(CultureInfo.GetCultureInfo("pt-BR"));
    }
}
