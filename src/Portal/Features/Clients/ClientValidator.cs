using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

/// <summary>Normalized values of a <see cref="ClientInput"/> that passed every rule.</summary>
public sealed record ValidClient(
    string Code, string CodeNormalized, string Name, string? TradeName, ClientDocumentType DocumentType, string Document,
    bool DocumentInvalid, DateOnly? OpeningDate, EstablishmentType? EstablishmentType, long? ParentClientId, TaxRegime TaxRegime,
    bool BookkeepingCash, bool BookkeepingAccrual, string? MainActivityCode, string? MainActivity, string? ClientSystem,
    IReadOnlyList<long> SystemIds, string? Street, string? Number, string? Complement, string? District, string? City,
    string? State, string? PostalCode, string? Phone, string? Email, string? CredentialsNotes, string? Notes, bool IsActive,
    string? DeactivationReason, IReadOnlyList<ValidPartner> Partners, IReadOnlyList<ValidContact> Contacts);

public sealed record ValidPartner(long? Id, string Name, string? Qualification, bool IsAdministrator, string? Document);

public sealed record ValidContact(long? Id, string Name, string? Role, string? Notes, bool IsPrimary, IReadOnlyList<(ContactChannelType Type, string Value)> Channels);

/// <summary>The rules of clients.md §2, §3 and §5 for a client and its partners and contacts (pages and API alike).</summary>
public sealed class ClientValidator(PortalDb db, TimeProvider clock)
{
    public const string InvalidValue = "Valor inválido.";
    public const string DuplicateCode = "Já existe um cliente com este código.";
    public const string FilialRoot = "A filial deve ter a mesma raiz de CNPJ (8 primeiros caracteres) da matriz.";
    public const string ParentRequired = "Escolha a matriz desta filial.";
    public const string ParentNotMatriz = "A empresa escolhida não é uma matriz.";
    public const string MatrizWithFiliais = "Esta matriz tem filiais ativas e não pode passar a filial.";
    public const string MeiOnlyCnpj = "MEI só se aplica a clientes com CNPJ.";
    public const string BookkeepingRequired = "Escolha ao menos um regime de lançamento.";
    public const string FutureDate = "A data não pode estar no futuro.";
    public const string InvalidDate = "Data inválida. Use dd/mm/aaaa.";
    public const string ChannelsRange = "Informe de 1 a 10 canais de contato.";
    public const string InvalidState = "UF inválida.";
    public const string UnknownSystem = "Sistema inválido.";

    private static readonly HashSet<string> States =
    [
        "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN",
        "RS", "RO", "RR", "SC", "SP", "SE", "TO",
    ];

    public static string NormalizeCode(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public static string DuplicateDocument(ClientDocumentType type, string? code, string? name) =>
        code is null ? $"Já existe um cliente com este {type}." : $"Já existe um cliente com este {type} (código {code} – {name}).";

    /// <param name="current">The stored client when editing (null when creating).</param>
    /// <param name="showDuplicate">Whether the duplicate's code and name may be shown (the user holds clients.view).</param>
    public async Task<(ValidClient? Value, FieldErrors Errors)> ValidateAsync(ClientInput input, Client? current, bool showDuplicate, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var id = current?.Id ?? 0;

        // Document: check digits only when it is new or changed, so imported invalid documents survive other edits (§5).
        var document = Documents.Clean(input.Document);
        var documentType = document.Length == 11 ? ClientDocumentType.CPF : ClientDocumentType.CNPJ;
        var documentInvalid = false;
        if (document.Length == 0) errors.Add(nameof(ClientInput.Document), Validators.Required);
        else if (current is not null && document == current.Document && current.DocumentInvalid)
        {
            documentType = current.DocumentType;
            documentInvalid = true;
        }
        else if (document.Length == 11 ? !Documents.IsCpf(document) : !Documents.IsCnpj(document))
            errors.Add(nameof(ClientInput.Document), document.Length == 11 ? Documents.InvalidCpf : Documents.InvalidCnpj);
        else
        {
            var duplicate = await db.Clients().AsNoTracking().Where(c => c.Document == document && c.Id != id)
                .Select(c => new { c.Code, c.Name }).FirstOrDefaultAsync(ct);
            if (duplicate is not null)
                errors.Add(nameof(ClientInput.Document), DuplicateDocument(documentType, showDuplicate ? duplicate.Code : null, duplicate.Name));
        }
        var isCnpj = documentType == ClientDocumentType.CNPJ;

        var code = Validators.Text(errors, nameof(ClientInput.Code), input.Code, 30, 1);
        var codeKey = NormalizeCode(code);
        if (code is not null && codeKey.Length <= 30 && await db.Clients().AnyAsync(c => c.CodeNormalized == codeKey && c.Id != id, ct))
            errors.Add(nameof(ClientInput.Code), DuplicateCode);
        var name = Validators.Text(errors, nameof(ClientInput.Name), input.Name, 200, 2);
        var tradeName = Validators.Text(errors, nameof(ClientInput.TradeName), input.TradeName, 200, required: false);

        var regime = ParseEnum<TaxRegime>(errors, nameof(ClientInput.TaxRegime), input.TaxRegime, required: true);
        if (regime == TaxRegime.MEI && !isCnpj && document.Length > 0) errors.Add(nameof(ClientInput.TaxRegime), MeiOnlyCnpj);

        DateOnly? opening = null;
        if (TextNormalizer.Clean(input.OpeningDate) is { } dateText)
        {
            if (!TryParseDate(dateText, out var date)) errors.Add(nameof(ClientInput.OpeningDate), InvalidDate);
            else if (date > Portal.Platform.Time.SaoPaulo.Today(clock)) errors.Add(nameof(ClientInput.OpeningDate), FutureDate);
            else opening = date;
        }
        else if (isCnpj && document.Length > 0) errors.Add(nameof(ClientInput.OpeningDate), Validators.Required);

        EstablishmentType? establishment = null;
        long? parentId = null;
        if (isCnpj)
        {
            establishment = regime == TaxRegime.MEI
                ? Clients.EstablishmentType.Matriz
                : ParseEnum<EstablishmentType>(errors, nameof(ClientInput.EstablishmentType), input.EstablishmentType, required: true);
            if (establishment == Clients.EstablishmentType.Filial)
            {
                parentId = input.ParentClientId;
                await CheckParentAsync(errors, parentId, id, document, ct);
                if (current is { EstablishmentType: Clients.EstablishmentType.Matriz }
                    && await db.Clients().AnyAsync(c => c.ParentClientId == id && c.IsActive, ct))
                    errors.Add(nameof(ClientInput.EstablishmentType), MatrizWithFiliais);
            }
        }

        if (!input.BookkeepingCash && !input.BookkeepingAccrual) errors.Add("Bookkeeping", BookkeepingRequired);

        var systems = regime == TaxRegime.MEI ? [] : input.SystemIds.Distinct().ToList();
        if (systems.Count > 0)
        {
            var kept = current?.Systems.Select(s => s.LookupValueId).ToHashSet() ?? [];
            var allowed = await db.LookupValues.AsNoTracking()
                .Where(v => v.List.Key == DepartmentOptions.SystemsListKey && systems.Contains(v.Id))
                .Select(v => new { v.Id, v.IsActive }).ToListAsync(ct);
            // A deactivated system stays on clients that had it but cannot be newly chosen (platform.md §6).
            if (systems.Any(s => !allowed.Any(a => a.Id == s && (a.IsActive || kept.Contains(s)))))
                errors.Add(nameof(ClientInput.SystemIds), UnknownSystem);
        }

        var state = TextNormalizer.Clean(input.State)?.ToUpperInvariant();
        if (state is not null && !States.Contains(state)) errors.Add(nameof(ClientInput.State), InvalidState);
        string? postal = null;
        if (TextNormalizer.Clean(input.PostalCode) is { } postalText && (postal = BrazilianFormats.NormalizePostalCode(postalText)) is null)
            errors.Add(nameof(ClientInput.PostalCode), BrazilianFormats.InvalidPostalCode);
        string? phone = null;
        if (TextNormalizer.Clean(input.Phone) is { } phoneText && (phone = BrazilianFormats.NormalizePhone(phoneText)) is null)
            errors.Add(nameof(ClientInput.Phone), BrazilianFormats.InvalidPhone);
        var email = TextNormalizer.Clean(input.Email)?.ToLowerInvariant();
        if (email is not null && !Validators.IsEmail(email)) errors.Add(nameof(ClientInput.Email), BrazilianFormats.InvalidEmail);

        var valid = new ValidClient(
            code ?? "", codeKey, name ?? "", tradeName, documentType, document, documentInvalid, opening, establishment, parentId,
            regime ?? TaxRegime.SimplesNacional, input.BookkeepingCash, input.BookkeepingAccrual,
            Validators.Text(errors, nameof(ClientInput.MainActivityCode), input.MainActivityCode, 10, required: false),
            Validators.Text(errors, nameof(ClientInput.MainActivity), input.MainActivity, 200, required: false),
            Validators.Text(errors, nameof(ClientInput.ClientSystem), input.ClientSystem, 150, required: false),
            systems,
            Validators.Text(errors, nameof(ClientInput.Street), input.Street, 150, required: false),
            Validators.Text(errors, nameof(ClientInput.Number), input.Number, 20, required: false),
            Validators.Text(errors, nameof(ClientInput.Complement), input.Complement, 100, required: false),
            Validators.Text(errors, nameof(ClientInput.District), input.District, 100, required: false),
            Validators.Text(errors, nameof(ClientInput.City), input.City, 100, required: false),
            state, postal, phone, email,
            Validators.Text(errors, nameof(ClientInput.CredentialsNotes), input.CredentialsNotes, 500, required: false),
            Validators.Text(errors, nameof(ClientInput.Notes), input.Notes, 2000, required: false),
            input.IsActive,
            input.IsActive ? null : Validators.Text(errors, nameof(ClientInput.DeactivationReason), input.DeactivationReason, 200, required: false),
            ValidatePartners(errors, input.Partners),
            ValidateContacts(errors, input.Contacts));
        return (errors.IsValid ? valid : null, errors);
    }

    private async Task CheckParentAsync(FieldErrors errors, long? parentId, long selfId, string document, CancellationToken ct)
    {
        if (parentId is null)
        {
            errors.Add(nameof(ClientInput.ParentClientId), ParentRequired);
            return;
        }
        var parent = await db.Clients().AsNoTracking().Where(c => c.Id == parentId && c.Id != selfId)
            .Select(c => new { c.EstablishmentType, c.Document, c.DocumentType }).FirstOrDefaultAsync(ct);
        if (parent is null) errors.Add(nameof(ClientInput.ParentClientId), ParentRequired);
        else if (parent.EstablishmentType != Clients.EstablishmentType.Matriz || parent.DocumentType != ClientDocumentType.CNPJ)
            errors.Add(nameof(ClientInput.ParentClientId), ParentNotMatriz);
        else if (document.Length == 14 && !string.Equals(parent.Document[..8], document[..8], StringComparison.Ordinal))
            errors.Add(nameof(ClientInput.ParentClientId), FilialRoot);
    }

    private static List<ValidPartner> ValidatePartners(FieldErrors errors, List<PartnerInput> partners)
    {
        var result = new List<ValidPartner>();
        for (var i = 0; i < partners.Count; i++)
        {
            var p = partners[i];
            var prefix = $"Partners[{i}].";
            var name = Validators.Text(errors, prefix + nameof(PartnerInput.Name), p.Name, 150, 2);
            var qualification = Validators.Text(errors, prefix + nameof(PartnerInput.Qualification), p.Qualification, 100, required: false);
            var document = Documents.Clean(p.Document);
            if (document.Length > 0 && !(document.Length == 11 ? Documents.IsCpf(document) : Documents.IsCnpj(document)))
                errors.Add(prefix + nameof(PartnerInput.Document), document.Length == 11 ? Documents.InvalidCpf : Documents.InvalidCnpj);
            result.Add(new ValidPartner(p.Id, name ?? "", qualification, p.IsAdministrator, document.Length == 0 ? null : document));
        }
        return result;
    }

    private static List<ValidContact> ValidateContacts(FieldErrors errors, List<ContactInput> contacts)
    {
        var result = new List<ValidContact>();
        for (var i = 0; i < contacts.Count; i++)
        {
            var c = contacts[i];
            var prefix = $"Contacts[{i}].";
            var name = Validators.Text(errors, prefix + nameof(ContactInput.Name), c.Name, 120, 2);
            var role = Validators.Text(errors, prefix + nameof(ContactInput.Role), c.Role, 80, required: false);
            var notes = Validators.Text(errors, prefix + nameof(ContactInput.Notes), c.Notes, 300, required: false);
            var channels = new List<(ContactChannelType, string)>();
            var typed = c.Channels.Where(ch => !string.IsNullOrWhiteSpace(ch.Value)).ToList();
            if (typed.Count is < 1 or > 10) errors.Add(prefix + nameof(ContactInput.Channels), ChannelsRange);
            for (var j = 0; j < c.Channels.Count; j++)
            {
                var ch = c.Channels[j];
                if (string.IsNullOrWhiteSpace(ch.Value)) continue;
                var field = $"{prefix}Channels[{j}].Value";
                if (!Enum.TryParse<ContactChannelType>(ch.Type, ignoreCase: true, out var type) || !Enum.IsDefined(type))
                {
                    errors.Add($"{prefix}Channels[{j}].Type", InvalidValue);
                    continue;
                }
                if (type == ContactChannelType.Email)
                {
                    var email = ch.Value.Trim().ToLowerInvariant();
                    if (!Validators.IsEmail(email)) errors.Add(field, BrazilianFormats.InvalidEmail);
                    else channels.Add((type, email));
                }
                else if (BrazilianFormats.NormalizePhone(ch.Value) is { } digits) channels.Add((type, digits));
                else errors.Add(field, BrazilianFormats.InvalidPhone);
            }
            result.Add(new ValidContact(c.Id, name ?? "", role, notes, c.IsPrimary, channels));
        }
        return result;
    }

    public static T? ParseEnum<T>(FieldErrors errors, string field, string? value, bool required) where T : struct, Enum
    {
        var clean = TextNormalizer.Clean(value);
        if (clean is null)
        {
            if (required) errors.Add(field, Validators.Required);
            return null;
        }
        if (Enum.TryParse<T>(clean, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !clean.All(char.IsAsciiDigit)) return parsed;
        errors.Add(field, InvalidValue);
        return null;
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || DateOnly.TryParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        && date.Year is >= 1900 and <= 2100;
}
