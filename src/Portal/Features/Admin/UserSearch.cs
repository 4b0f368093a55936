using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Text;

namespace Portal.Features.Admin;

/// <summary>
/// Filtering and ordering of the user list in SQL, so paging stays exact. MariaDB's utf8mb4_unicode_ci collation is
/// already case- and accent-insensitive, so LIKE suffices there. SQLite's LIKE folds ASCII case only; for the name
/// we use GLOB with a character class per letter ("joao" → *[jJ][oOóÓòÒ…][aAáÁ…][oO…]*), which keeps the search
/// accent-insensitive without a normalized column or a custom SQL function.
/// </summary>
public static class UserSearch
{
    public const int MaxTermLength = 100;

    private static readonly Dictionary<char, string> LetterClasses = BuildLetterClasses();

    /// <param name="includeEmail">False for callers who may not see e-mails: matching on them would reveal them.</param>
    public static IQueryable<User> WhereText(this IQueryable<User> query, DatabaseKind kind, string? text, bool includeEmail = true)
    {
        var term = TextNormalizer.Clean(text);
        if (term is null) return query;
        if (term.Length > MaxTermLength) term = term[..MaxTermLength];
        // E-mail and username are stored lower-case (UserAccounts), so a lower-cased term is enough for them.
        var lower = term.ToLowerInvariant();
        if (kind == DatabaseKind.Sqlite)
        {
            var pattern = GlobContains(term);
            return includeEmail
                ? query.Where(u => EF.Functions.Glob(u.FullName, pattern) || u.Email.Contains(lower) || u.Username.Contains(lower))
                : query.Where(u => EF.Functions.Glob(u.FullName, pattern) || u.Username.Contains(lower));
        }
        var like = "%" + EscapeLike(term) + "%";
        if (!includeEmail) return query.Where(u => EF.Functions.Like(u.FullName, like, "\\") || EF.Functions.Like(u.Username, like, "\\"));
        return query.Where(u => EF.Functions.Like(u.FullName, like, "\\") || EF.Functions.Like(u.Email, like, "\\") || EF.Functions.Like(u.Username, like, "\\"));
    }

    /// <summary>Active first, then name; SQLite compares with NOCASE so "ana" does not sort after "Zé".</summary>
    public static IOrderedQueryable<User> OrderForList(this IQueryable<User> query, DatabaseKind kind) =>
        kind == DatabaseKind.Sqlite
            ? query.OrderByDescending(u => u.IsActive).ThenBy(u => EF.Functions.Collate(u.FullName, "NOCASE")).ThenBy(u => u.Id)
            : query.OrderByDescending(u => u.IsActive).ThenBy(u => u.FullName).ThenBy(u => u.Id);

    /// <summary>A GLOB pattern matching <paramref name="term"/> anywhere, ignoring case and accents of Latin letters.</summary>
    public static string GlobContains(string term)
    {
        var sb = new StringBuilder("*");
        foreach (var c in term.Normalize(NormalizationForm.FormC))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var key = TextNormalizer.Key(c.ToString());
            if (key.Length == 1 && LetterClasses.TryGetValue(key[0], out var letters)) sb.Append('[').Append(letters).Append(']');
            else if (c is '*' or '?' or '[' or ']') sb.Append('[').Append(c).Append(']');
            else sb.Append(c);
        }
        return sb.Append('*').ToString();
    }

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static Dictionary<char, string> BuildLetterClasses()
    {
        var sets = new Dictionary<char, SortedSet<char>>();
        for (var c = 'A'; c <= 'Z'; c++) sets[c] = [c, char.ToLowerInvariant(c)];
        // Latin-1 Supplement and Latin Extended-A cover Portuguese (and the usual foreign names) completely.
        for (var cp = 0xC0; cp <= 0x17F; cp++)
        {
            var ch = (char)cp;
            var key = TextNormalizer.Key(ch.ToString());
            if (key.Length == 1 && sets.TryGetValue(key[0], out var set)) set.Add(ch);
        }
        return sets.ToDictionary(kv => kv.Key, kv => string.Concat(kv.Value));
    }
}
