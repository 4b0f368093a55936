using System.Globalization;
using System.Net;
using System.Text.Json;
using Portal.Platform.Validation;

namespace Portal.Features.Clients.Lookup;

/// <summary>What one public source answered: found (with data), not found (final), or failed (ask the next source).</summary>
internal enum SourceOutcome { Found, NotFound, Failed }

internal sealed record SourceAnswer(SourceOutcome Outcome, CompanyPrefill? Prefill = null, string? Reason = null);

/// <summary>The JSON of BrasilAPI and ReceitaWS mapped to <see cref="CompanyPrefill"/>.</summary>
internal static class ReceitaSources
{
    public const string BrasilApi = "BrasilAPI";
    public const string ReceitaWs = "ReceitaWS";

    public static async Task<SourceAnswer> QueryAsync(HttpClient http, string url, string source, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return new SourceAnswer(SourceOutcome.Failed, Reason: ex.GetType().Name);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && source == BrasilApi) return new SourceAnswer(SourceOutcome.NotFound);
            if (!response.IsSuccessStatusCode) return new SourceAnswer(SourceOutcome.Failed, Reason: ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return new SourceAnswer(SourceOutcome.Failed, Reason: "json");
                return source == BrasilApi ? FromBrasilApi(root) : FromReceitaWs(root);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or HttpRequestException or IOException)
            {
                return new SourceAnswer(SourceOutcome.Failed, Reason: "json");
            }
            catch (Exception ex) when (ex is TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
            {
                return new SourceAnswer(SourceOutcome.Failed, Reason: "timeout");
            }
        }
    }

    private static SourceAnswer FromBrasilApi(JsonElement r)
    {
        var document = Documents.Clean(Text(r, "cnpj"));
        if (document.Length == 0 && Text(r, "razao_social") is null) return new SourceAnswer(SourceOutcome.Failed, Reason: "json");
        var street = Join(Text(r, "descricao_tipo_de_logradouro"), Text(r, "logradouro"));
        return new SourceAnswer(SourceOutcome.Found, new CompanyPrefill
        {
            Document = document,
            Name = Text(r, "razao_social"),
            TradeName = Text(r, "nome_fantasia"),
            OpeningDate = Date(Text(r, "data_inicio_atividade")),
            MainActivityCode = Cnae(Text(r, "cnae_fiscal")),
            MainActivity = Limit(Text(r, "cnae_fiscal_descricao"), 200),
            Street = Limit(street, 150),
            Number = Limit(Text(r, "numero"), 20),
            Complement = Limit(Text(r, "complemento"), 100),
            District = Limit(Text(r, "bairro"), 100),
            City = Limit(Text(r, "municipio"), 100),
            State = Text(r, "uf")?.ToUpperInvariant(),
            PostalCode = BrazilianFormats.NormalizePostalCode(Text(r, "cep")),
            Phone = BrazilianFormats.NormalizePhone(Text(r, "ddd_telefone_1")),
            Email = Text(r, "email")?.ToLowerInvariant() is { } e && Validators.IsEmail(e) ? e : null,
            RegistrationStatus = Text(r, "descricao_situacao_cadastral")?.ToUpperInvariant(),
            TaxRegime = Regime(Bool(r, "opcao_pelo_mei"), Bool(r, "opcao_pelo_simples")),
            Partners = Partners(r, "qsa", "nome_socio", "qualificacao_socio"),
            Sources = [BrasilApi],
        });
    }

    private static SourceAnswer FromReceitaWs(JsonElement r)
    {
        if (string.Equals(Text(r, "status"), "ERROR", StringComparison.OrdinalIgnoreCase)) return new SourceAnswer(SourceOutcome.NotFound);
        if (Text(r, "nome") is null) return new SourceAnswer(SourceOutcome.Failed, Reason: "json");
        string? cnae = null, activity = null;
        if (r.TryGetProperty("atividade_principal", out var main) && main.ValueKind == JsonValueKind.Array && main.GetArrayLength() > 0)
        {
            cnae = Cnae(Text(main[0], "code"));
            activity = Limit(Text(main[0], "text"), 200);
        }
        return new SourceAnswer(SourceOutcome.Found, new CompanyPrefill
        {
            Document = Documents.Clean(Text(r, "cnpj")),
            Name = Text(r, "nome"),
            TradeName = Text(r, "fantasia") is { } f && f != "********" ? f : null,
            OpeningDate = Date(Text(r, "abertura")),
            MainActivityCode = cnae,
            MainActivity = activity,
            Street = Limit(Text(r, "logradouro"), 150),
            Number = Limit(Text(r, "numero"), 20),
            Complement = Limit(Text(r, "complemento"), 100),
            District = Limit(Text(r, "bairro"), 100),
            City = Limit(Text(r, "municipio"), 100),
            State = Text(r, "uf")?.ToUpperInvariant(),
            PostalCode = BrazilianFormats.NormalizePostalCode(Text(r, "cep")),
            Phone = BrazilianFormats.NormalizePhone(Text(r, "telefone")?.Split('/')[0]),
            Email = Text(r, "email")?.ToLowerInvariant() is { } e && Validators.IsEmail(e) ? e : null,
            RegistrationStatus = Text(r, "situacao")?.ToUpperInvariant(),
            TaxRegime = Regime(Nested(r, "simei", "optante"), Nested(r, "simples", "optante")),
            Partners = Partners(r, "qsa", "nome", "qual"),
            Sources = [ReceitaWs],
        });
    }

    private static IReadOnlyList<PartnerPrefill> Partners(JsonElement r, string property, string nameKey, string qualificationKey)
    {
        if (!r.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array) return [];
        var partners = new List<PartnerPrefill>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Limit(Text(item, nameKey), 150) is not { } name) continue;
            // ReceitaWS writes "49-Sócio-Administrador": the code before the dash is not part of the label.
            var qualification = Text(item, qualificationKey) is { } q && q.Length > 3 && char.IsAsciiDigit(q[0]) && q.IndexOf('-', StringComparison.Ordinal) is > 0 and < 4 and var dash
                ? q[(dash + 1)..] : Text(item, qualificationKey);
            partners.Add(new PartnerPrefill(name, Limit(qualification, 100),
                qualification?.Contains("Administrador", StringComparison.OrdinalIgnoreCase) == true));
        }
        return partners;
    }

    private static string? Regime(bool? mei, bool? simples) =>
        mei == true ? nameof(TaxRegime.MEI) : simples == true ? nameof(TaxRegime.SimplesNacional) : null;

    /// <summary>"6920601", 6920601 or "69.20-6-01" → "6920-6/01".</summary>
    private static string? Cnae(string? value)
    {
        var digits = Documents.Digits(value);
        if (digits.Length == 6) digits = "0" + digits;
        return digits.Length == 7 ? $"{digits[..4]}-{digits[4]}/{digits[5..]}" : null;
    }

    private static string? Date(string? value) =>
        value is not null && (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static string? Text(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static bool? Nested(JsonElement e, string name, string inner) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? Bool(v, inner) : null;

    private static string? Join(string? a, string? b) =>
        a is null ? b : b is null ? a : b.StartsWith(a, StringComparison.OrdinalIgnoreCase) ? b : $"{a} {b}";

    private static string? Limit(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
