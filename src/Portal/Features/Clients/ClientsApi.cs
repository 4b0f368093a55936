using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients.Lookup;
using Portal.Platform.Api;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

/// <summary>/api/v1/clients and /api/v1/lookups/document (clients.md §10) over the same services as the pages.</summary>
public static class ClientsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyDictionary<string, Func<ClientSummary, object?>> Fields = new Dictionary<string, Func<ClientSummary, object?>>(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = c => c.Id, ["code"] = c => c.Code, ["name"] = c => c.Name, ["tradeName"] = c => c.TradeName,
        ["documentType"] = c => c.DocumentType, ["document"] = c => c.Document, ["taxRegime"] = c => c.TaxRegime,
        ["establishmentType"] = c => c.EstablishmentType, ["parentClientId"] = c => c.ParentClientId, ["isActive"] = c => c.IsActive,
    };

    public static void MapClientsApi(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clientes");
        clients.MapGet("", ListAsync).RequirePermission(ClientPermissions.View)
            .WithSummary("Lista clientes com filtros e paginação.")
            .WithDescription("q busca no nome (sem acentos), código e CNPJ/CPF; taxRegime (MEI, SimplesNacional, LucroPresumido, LucroReal; " +
                "vários separados por vírgula); establishmentType (Matriz — inclui CPF —, Filial); active (padrão: todos); " +
                "fields = lista de campos separados por vírgula; pageSize máximo 200.")
            .Produces<PagedResult<ClientSummary>>().Errors(400, 403);
        clients.MapGet("/{id:long}", GetAsync).RequirePermission(ClientPermissions.View)
            .WithSummary("Um cliente com sócios, contatos, sistemas, acessos (sem senhas) e perfis de departamento visíveis; ETag = versão.")
            .Produces<ClientResponse>().Errors(403, 404);
        clients.MapPost("", CreateAsync).RequirePermission(ClientPermissions.Create)
            .WithSummary("Cadastra um cliente (mesmas validações do formulário).")
            .Accepts<ClientInput>("application/json")
            .Produces<ClientResponse>(StatusCodes.Status201Created).Errors(400, 403, 415);
        clients.MapPatch("/{id:long}", UpdateAsync).RequirePermission(ClientPermissions.Edit)
            .WithSummary("Altera só os campos enviados (listas de sócios/contatos/sistemas são substituídas inteiras); exige If-Match.")
            .Accepts<ClientInput>("application/json")
            .Produces<ClientResponse>().Errors(400, 403, 404, 412, 415, 428);
        clients.MapDelete("/{id:long}", DeleteAsync).RequirePermission(ClientPermissions.Delete)
            .WithSummary("Exclui um cliente sem registros vinculados; exige If-Match.")
            .Produces(StatusCodes.Status204NoContent).Errors(403, 404, 409, 412, 428);
        clients.MapPut("/{id:long}/departments/{typeCode}", PutProfileAsync).RequirePermission(ClientPermissions.DepartmentsEdit)
            .WithSummary("Cria (sem If-Match) ou altera (com If-Match) o perfil de um departamento do cliente.")
            .WithDescription("typeCode: fiscal, contabil, pessoal, administrativo, financeiro, notas_fiscais. options: objeto grupo → códigos " +
                "(import_methods, movement, digital_delivery, physical_delivery, pouch_pickup, accounting_import, report_controls).")
            .Accepts<ProfileInput>("application/json")
            .Produces<ProfileResponse>().Errors(400, 403, 404, 409, 412, 415);
        clients.MapPost("/{id:long}/credentials/{credId:long}/reveal", RevealAsync).RequirePermission(ClientPermissions.CredentialsReveal)
            .WithSummary("Revela a senha de um acesso (auditado; 30 por 10 minutos por usuário).")
            .Produces<PasswordResponse>().Errors(403, 404);

        api.MapGet("/lookups/document/{doc}", LookupAsync).WithTags("Clientes")
            .WithSummary("Consulta CNPJ (BrasilAPI/ReceitaWS) ou CPF (Acessórias) para pré-preencher um cliente; exige clients.create ou clients.edit.")
            .Produces<CompanyPrefill>().Errors(400, 403, 404, 503);
    }

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status401Unauthorized).Append(StatusCodes.Status429TooManyRequests))
            builder.Produces<ApiError>(status);
        return builder;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PortalDb db, string? q, string? taxRegime, string? establishmentType,
        bool? active, int? page, int? pageSize, string? fields)
    {
        var errors = new FieldErrors();
        var regimes = new List<TaxRegime>();
        foreach (var part in (taxRegime ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (ClientValidator.ParseEnum<TaxRegime>(errors, "taxRegime", part, true) is { } r) regimes.Add(r);
        var establishment = ClientValidator.ParseEnum<EstablishmentType>(errors, "establishmentType", establishmentType, false);
        if (!errors.IsValid) return ApiErrors.Problem(http, 400, "invalid_filter", "Invalid filter", errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        var selected = (fields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = selected.Where(f => !Fields.ContainsKey(f)).ToList();
        if (unknown.Count > 0) return ApiErrors.Problem(http, 400, "invalid_fields", "Unknown fields: " + string.Join(", ", unknown));

        var paging = PageRequest.From(page, pageSize);
        var query = db.Clients().AsNoTracking().Where(new ClientFilter(q, regimes, establishment, Active: active));
        var total = await query.CountAsync();
        var rows = await query.OrderBy(ClientSort.Name).Skip(paging.Skip).Take(paging.PageSize).ToRows().ToListAsync();
        var items = rows.Select(Summary).ToList();
        if (selected.Count == 0) return Results.Ok(new PagedResult<ClientSummary>(items, paging.Page, paging.PageSize, total));
        var projected = items.Select(i => selected.Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(f => Fields.Keys.First(k => string.Equals(k, f, StringComparison.OrdinalIgnoreCase)), f => Fields[f](i))).ToList();
        return Results.Ok(new PagedResult<Dictionary<string, object?>>(projected, paging.Page, paging.PageSize, total));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, ClientDetails details, CurrentUser currentUser)
    {
        var response = await LoadAsync(id, details, currentUser);
        if (response is null) return ApiErrors.NotFound(http);
        ApiConcurrency.SetETag(http, response.Version);
        return Results.Ok(response);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ClientService clients, ClientDetails details, CurrentUser currentUser)
    {
        var (input, error) = await ReadAsync<ClientInput>(http, null);
        if (error is not null) return error;
        input!.IsActive = true;
        var result = await clients.CreateAsync(input, await currentUser.HasAsync(ClientPermissions.View), http.RequestAborted);
        if (!result.Succeeded) return ApiErrors.Validation(http, result.Errors!);
        var created = (await LoadAsync(result.Client!.Id, details, currentUser))!;
        ApiConcurrency.SetETag(http, created.Version);
        return Results.Created($"{ApiModule.Prefix}/clients/{created.Id}", created);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext http, ClientService clients, ClientDetails details, CurrentUser currentUser)
    {
        var current = await clients.LoadAsync(id, http.RequestAborted);
        if (current is null) return ApiErrors.NotFound(http);
        var (input, error) = await ReadAsync(http, ClientService.ToInput(current));
        if (error is not null) return error;
        var expected = ApiConcurrency.ExpectedVersion(http, http.Items[BodyVersionKey] as int?);
        if (expected is null) return ApiErrors.PreconditionRequired(http);
        if (expected != current.Version) return ApiErrors.PreconditionFailed(http, (await LoadAsync(id, details, currentUser))!);
        var result = await clients.UpdateAsync(id, input!, expected.Value, await currentUser.HasAsync(ClientPermissions.View), http.RequestAborted);
        switch (result.Outcome)
        {
            case ClientOutcome.NotFound: return ApiErrors.NotFound(http);
            case ClientOutcome.Conflict: return ApiErrors.PreconditionFailed(http, (await LoadAsync(id, details, currentUser))!);
            case ClientOutcome.Invalid: return ApiErrors.Validation(http, result.Errors!);
        }
        var updated = (await LoadAsync(id, details, currentUser))!;
        ApiConcurrency.SetETag(http, updated.Version);
        return Results.Ok(updated);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext http, ClientService clients, ClientDetails details, CurrentUser currentUser)
    {
        var expected = ApiConcurrency.ExpectedVersion(http);
        if (!await details.ExistsAsync(id)) return ApiErrors.NotFound(http);
        if (expected is null) return ApiErrors.PreconditionRequired(http);
        var result = await clients.DeleteAsync(id, expected, http.RequestAborted);
        return result.Outcome switch
        {
            ClientOutcome.NotFound => ApiErrors.NotFound(http),
            ClientOutcome.Conflict => ApiErrors.PreconditionFailed(http, (await LoadAsync(id, details, currentUser))!),
            ClientOutcome.HasDependents => ApiErrors.Problem(http, 409, "has_dependents", ClientService.HasDependentsMessage),
            _ => Results.NoContent(),
        };
    }

    private static async Task<IResult> PutProfileAsync(long id, string typeCode, HttpContext http, DepartmentProfiles profiles, ClientDetails details, CurrentUser currentUser)
    {
        var (input, error) = await ReadAsync<ProfileInput>(http, null);
        if (error is not null) return error;
        var expected = ApiConcurrency.ExpectedVersion(http, http.Items[BodyVersionKey] as int?);
        var result = await profiles.SaveAsync(id, typeCode, input!, expected, http.RequestAborted);
        var type = await profiles.TypeAsync(typeCode);
        switch (result.Outcome)
        {
            case ProfileOutcome.NotFound: return ApiErrors.NotFound(http);
            case ProfileOutcome.Invalid: return ApiErrors.Validation(http, result.Errors!);
            case ProfileOutcome.Exists: return ApiErrors.Problem(http, 409, "conflict", "Profile already exists; send If-Match to update it", current: Profile(type!, result.Profile!));
            case ProfileOutcome.Conflict: return ApiErrors.PreconditionFailed(http, Profile(type!, result.Profile!));
        }
        var saved = (await profiles.LoadAsync(id, type!.Id))!;
        ApiConcurrency.SetETag(http, saved.Version);
        return Results.Ok(Profile(type, saved));
    }

    private static async Task<IResult> RevealAsync(long id, long credId, HttpContext http, CredentialVault vault, CurrentUser currentUser)
    {
        var result = await vault.RevealAsync(id, credId, currentUser.Id, http.RequestAborted);
        switch (result.Outcome)
        {
            case VaultOutcome.NotFound: return ApiErrors.NotFound(http);
            case VaultOutcome.RateLimited:
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiErrors.Problem(http, 429, "rate_limited", "Too many reveals");
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new PasswordResponse(result.Password!));
    }

    private static async Task<IResult> LookupAsync(string doc, HttpContext http, DocumentLookupGate gate)
    {
        var outcome = await gate.RunAsync(doc, http.RequestAborted);
        if (outcome.Kind == GateKind.RateLimited)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return outcome.Kind switch
        {
            GateKind.Forbidden => ApiErrors.Forbidden(http),
            GateKind.RateLimited => ApiErrors.Problem(http, 429, "rate_limited", "Too many lookups"),
            GateKind.Invalid => ApiErrors.Validation(http, Single("document", outcome.Message!)),
            GateKind.NotFound => ApiErrors.Problem(http, 404, "not_found", CompanyLookupResult.NotFoundMessage),
            GateKind.Unavailable => ApiErrors.Problem(http, 503, "integration_disabled", CompanyLookupResult.UnavailableMessage),
            _ => Results.Ok(outcome.Prefill),
        };
    }

    /// <summary>A body "version" field, accepted instead of If-Match (api.md §2); read by <see cref="ReadAsync"/>.</summary>
    private const string BodyVersionKey = "clients.body-version";

    private static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>
    /// Reads a JSON object body; with <paramref name="basis"/> the body's top-level fields replace the basis's (PATCH:
    /// absent fields keep their value). Unknown fields are ignored; wrong types answer 400.
    /// </summary>
    private static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http, T? basis) where T : class
    {
        if (!http.Request.HasJsonContentType())
            return (null, ApiErrors.Problem(http, 415, "unsupported_media_type", "Content-Type must be application/json"));
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, ApiErrors.Problem(http, 400, "validation_failed", "Request body is not valid JSON"));
        }
        if (body is not JsonObject patch) return (null, ApiErrors.Problem(http, 400, "validation_failed", "Request body must be a JSON object"));
        if (patch.FirstOrDefault(p => string.Equals(p.Key, "version", StringComparison.OrdinalIgnoreCase)).Value is JsonValue v
            && v.TryGetValue<int>(out var version)) http.Items[BodyVersionKey] = version;
        var merged = basis is null ? new JsonObject() : (JsonSerializer.SerializeToNode(basis, Json) as JsonObject)!;
        foreach (var (name, value) in patch.ToList())
        {
            var existing = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            merged[existing] = value?.DeepClone();
        }
        try
        {
            return (merged.Deserialize<T>(Json), null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.').Split('.', '[')[0] : "";
            return (null, ApiErrors.Validation(http, Single(field, ClientValidator.InvalidValue)));
        }
    }

    private static ClientSummary Summary(ClientRow c) => new(c.Id, c.Code, c.Name, c.TradeName, c.DocumentType.ToString(), c.Document,
        c.TaxRegime.ToString(), c.EstablishmentType?.ToString(), c.ParentClientId, c.IsActive);

    private static async Task<ClientResponse?> LoadAsync(long id, ClientDetails details, CurrentUser currentUser)
    {
        var c = await details.LoadAsync(id);
        if (c is null) return null;
        var restricted = await currentUser.HasAsync(ClientPermissions.DepartmentsRestrictedView);
        var labels = await details.OptionLabelsAsync();
        var credentials = await details.CredentialsAsync(id);
        var profiles = (await details.ProfilesAsync(c, restricted)).Where(p => p.Profile is not null).Select(p => Profile(p.Type, p.Profile!)).ToList();
        return new ClientResponse(c.Id, c.Code, c.Name, c.TradeName, c.DocumentType.ToString(), c.Document, c.DocumentInvalid, c.OpeningDate,
            c.EstablishmentType?.ToString(), c.ParentClientId, c.TaxRegime.ToString(), c.BookkeepingCash, c.BookkeepingAccrual, c.MainActivityCode,
            c.MainActivity, c.ClientSystem, c.Street, c.Number, c.Complement, c.District, c.City, c.State, c.PostalCode, c.Phone, c.Email,
            c.CredentialsNotes, c.Notes, c.IsActive, c.DeactivatedAt, c.DeactivationReason,
            c.Systems.Select(s => labels.Rows.FirstOrDefault(r => r.Id == s.LookupValueId) is { } l ? new SystemResponse(l.Id, l.Code, l.Label) : new SystemResponse(s.LookupValueId, "", ""))
                .OrderBy(s => s.Label, StringComparer.Ordinal).ToList(),
            c.Partners.OrderBy(p => p.SortOrder).Select(p => new PartnerResponse(p.Id, p.Name, p.Qualification, p.IsAdministrator, p.Document)).ToList(),
            c.Contacts.OrderBy(x => x.SortOrder).Select(x => new ContactResponse(x.Id, x.Name, x.Role, x.Notes, x.IsPrimary,
                x.Channels.OrderBy(ch => ch.SortOrder).Select(ch => new ChannelResponse(ch.Type.ToString(), ch.Value)).ToList())).ToList(),
            credentials.Select(cr => new CredentialResponse(cr.Id, cr.SystemName, cr.Url, cr.Username, cr.Notes, cr.HasPassword, cr.PasswordUpdatedAt)).ToList(),
            profiles, c.Version);
    }

    private static ProfileResponse Profile(DepartmentType t, ClientDepartmentProfile p) => new(
        t.Code, t.Label, t.IsRestricted, p.ResponsibleUserId, p.Description, DepartmentProfiles.ParticularitiesHtml(p.Particularities),
        p.Contacts.Select(c => c.ContactId).Order().ToList(),
        p.Options.GroupBy(o => o.Group).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(o => o.OptionCode).Order(StringComparer.Ordinal).ToList()),
        p.MovementNotes, p.ImportNotes, p.ContactNotes, p.ReportControlNotes, p.PayrollSendDate, p.EmployeeRegistration, p.TimeClock, p.Payment,
        p.Version);
}
