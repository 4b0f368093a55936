using Microsoft.EntityFrameworkCore;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

public enum ClientSort { Name, NameDesc, Code, CodeDesc }

/// <summary>Filters of the client list (clients.md §8), shared by /clientes, the quick search and GET /api/v1/clients.</summary>
public sealed record ClientFilter(
    string? Text = null, IReadOnlyCollection<TaxRegime>? Regimes = null, EstablishmentType? Establishment = null,
    bool IncludeCpfWithMatriz = true, bool? Active = true, ClientSort Sort = ClientSort.Name);

public sealed record ClientRow(
    long Id, string Code, string Name, string? TradeName, ClientDocumentType DocumentType, string Document, bool DocumentInvalid,
    TaxRegime TaxRegime, EstablishmentType? EstablishmentType, long? ParentClientId, bool IsActive);

/// <summary>
/// Text search over normalized columns: the name through <see cref="TextNormalizer.Key"/> (accent- and case-insensitive
/// on SQLite as on MariaDB, PLT-11), the code upper-case, the document by its letters and digits ("0001-81" → "000181").
/// </summary>
public static class ClientSearch
{
    public const int MaxTermLength = 100;

    public static IQueryable<Client> Where(this IQueryable<Client> query, ClientFilter filter)
    {
        if (filter.Active is bool active) query = query.Where(c => c.IsActive == active);
        if (filter.Regimes is { Count: > 0 } regimes)
        {
            var list = regimes.ToList();
            query = query.Where(c => list.Contains(c.TaxRegime));
        }
        if (filter.Establishment is EstablishmentType type)
            query = type == EstablishmentType.Matriz && filter.IncludeCpfWithMatriz
                ? query.Where(c => c.EstablishmentType == type || c.DocumentType == ClientDocumentType.CPF)
                : query.Where(c => c.EstablishmentType == type);
        return query.WhereText(filter.Text);
    }

    public static IQueryable<Client> WhereText(this IQueryable<Client> query, string? text)
    {
        var term = TextNormalizer.Clean(text);
        if (term is null) return query;
        if (term.Length > MaxTermLength) term = term[..MaxTermLength];
        var key = TextNormalizer.Key(term);
        var document = Documents.Clean(term);
        // Only a term with a digit can be part of a document; "ana" must not match every CNPJ with an "ANA" body.
        if (document.Length >= 3 && document.Any(char.IsAsciiDigit))
            return query.Where(c => c.NameNormalized.Contains(key) || (c.TradeNameNormalized != null && c.TradeNameNormalized.Contains(key))
                || c.CodeNormalized.Contains(key) || c.Document.Contains(document));
        return query.Where(c => c.NameNormalized.Contains(key) || (c.TradeNameNormalized != null && c.TradeNameNormalized.Contains(key))
            || c.CodeNormalized.Contains(key));
    }

    public static IOrderedQueryable<Client> OrderBy(this IQueryable<Client> query, ClientSort sort) => sort switch
    {
        ClientSort.NameDesc => query.OrderByDescending(c => c.NameNormalized).ThenByDescending(c => c.Id),
        ClientSort.Code => query.OrderBy(c => c.CodeNormalized).ThenBy(c => c.Id),
        ClientSort.CodeDesc => query.OrderByDescending(c => c.CodeNormalized).ThenByDescending(c => c.Id),
        _ => query.OrderBy(c => c.NameNormalized).ThenBy(c => c.Id),
    };

    public static IQueryable<ClientRow> ToRows(this IQueryable<Client> query) =>
        query.Select(c => new ClientRow(c.Id, c.Code, c.Name, c.TradeName, c.DocumentType, c.Document, c.DocumentInvalid,
            c.TaxRegime, c.EstablishmentType, c.ParentClientId, c.IsActive));

    /// <summary>
    /// Code candidates for a jump (clients.md §2): "123-4" is tried as "1234" first, then as "123" (a trailing check
    /// digit written with a dash); any other code as typed.
    /// </summary>
    public static IReadOnlyList<string> CodeCandidates(string? code)
    {
        var key = ClientValidator.NormalizeCode(code);
        if (key.Length == 0) return [];
        var dash = key.LastIndexOf('-');
        if (dash > 0 && dash == key.Length - 2 && char.IsAsciiLetterOrDigit(key[^1]))
            return [key.Remove(dash, 1), key[..dash], key];
        return [key];
    }

    public static ClientSort ParseSort(string? value) => value switch
    {
        "-nome" => ClientSort.NameDesc,
        "codigo" => ClientSort.Code,
        "-codigo" => ClientSort.CodeDesc,
        _ => ClientSort.Name,
    };

    public static string SortKey(ClientSort sort) => sort switch
    {
        ClientSort.NameDesc => "-nome",
        ClientSort.Code => "codigo",
        ClientSort.CodeDesc => "-codigo",
        _ => "nome",
    };
}
