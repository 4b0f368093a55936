using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portal.Features.Clients.Lookup;

/// <summary>
/// Reads the firm's client code and regime from Acessórias (clients.md §4.3): one GET with the bearer token. A 404
/// there is not an error; any failure just leaves the code empty. This class only ever sends GET requests.
/// </summary>
internal static class AcessoriasCompanies
{
    public const string Source = "Acessórias";

    public sealed record Answer(bool Reached, bool Found, string? Code, string? TaxRegime);

    public static async Task<Answer> GetAsync(HttpClient http, CompanyLookupOptions options, string document, CancellationToken ct)
    {
        var url = options.AcessoriasBaseUrl!.TrimEnd('/') + "/companies/" + Uri.EscapeDataString(document);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AcessoriasToken);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return new Answer(true, false, null, null);
            if (!response.IsSuccessStatusCode) return new Answer(false, false, null, null);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            var root = json.RootElement.ValueKind == JsonValueKind.Array && json.RootElement.GetArrayLength() > 0 ? json.RootElement[0] : json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new Answer(true, false, null, null);
            var code = First(root, "code", "codigo", "Codigo", "ID", "Identificador", "id");
            var regime = First(root, "regime", "Regime", "tributacao", "Tributacao") switch
            {
                { } r when r.Contains("MEI", StringComparison.OrdinalIgnoreCase) => nameof(TaxRegime.MEI),
                { } r when r.Contains("Simples", StringComparison.OrdinalIgnoreCase) => nameof(TaxRegime.SimplesNacional),
                { } r when r.Contains("Presumido", StringComparison.OrdinalIgnoreCase) => nameof(TaxRegime.LucroPresumido),
                { } r when r.Contains("Real", StringComparison.OrdinalIgnoreCase) => nameof(TaxRegime.LucroReal),
                _ => null,
            };
            return new Answer(true, true, code is { Length: <= 30 } ? code : null, regime);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return new Answer(false, false, null, null);
        }
    }

    private static string? First(JsonElement e, params string[] names)
    {
        foreach (var name in names)
            if (e.TryGetProperty(name, out var v))
            {
                var text = v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null };
                if (!string.IsNullOrWhiteSpace(text)) return text.Trim();
            }
        return null;
    }
}
