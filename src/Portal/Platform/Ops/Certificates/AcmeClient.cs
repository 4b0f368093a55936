using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Platform.Ops.Certificates;

/// <summary>A failed ACME step, with the CA's problem document when there is one (pt-BR text for the log and page).</summary>
public sealed class AcmeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Small RFC 8555 client (ADR-016: no ACME library is served here): ES256 account key kept under Data Protection,
/// newAccount → newOrder → HTTP-01 (answered by the portal's /.well-known/acme-challenge/ through
/// <see cref="AcmeChallenges"/>) → finalize with a CSR for a new P-256 key → download the PEM chain.
/// </summary>
public sealed class AcmeClient(TlsOptions options, AcmeChallenges challenges, IDataProtectionProvider protection, ILogger<AcmeClient> log) : IDisposable
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromMinutes(2);
    private HttpClient? _http;
    private JsonObject? _directory;
    private string? _nonce;
    private ECDsa? _key;
    private string? _kid;

    public sealed record Issued(string ChainPem, string KeyPem);

    public async Task<Issued> IssueAsync(IReadOnlyList<string> hosts, CancellationToken ct)
    {
        _http ??= CreateHttp();
        _directory = await GetJsonAsync(options.AcmeDirectoryUrl, ct);
        _key = LoadOrCreateAccountKey();
        await RegisterAsync(ct);

        var (order, orderUrl) = await PostAsync(Url("newOrder"), new JsonObject
        {
            ["identifiers"] = new JsonArray(hosts.Select(h => (JsonNode)new JsonObject { ["type"] = "dns", ["value"] = h }).ToArray()),
        }, ct);
        if (order is null) throw new AcmeException("A autoridade ACME não devolveu o pedido.");
        var tokens = new List<string>();
        try
        {
            foreach (var authorizationUrl in order!["authorizations"]!.AsArray().Select(a => a!.GetValue<string>()))
                tokens.Add(await AuthorizeAsync(authorizationUrl, ct));

            using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={hosts[0]}", certificateKey, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            foreach (var h in hosts) san.AddDnsName(h);
            request.CertificateExtensions.Add(san.Build());
            var csr = request.CreateSigningRequest();
            (order, _) = await PostAsync(order!["finalize"]!.GetValue<string>(), new JsonObject { ["csr"] = B64(csr) }, ct);
            order = await PollAsync(orderUrl!, order ?? throw new AcmeException("Resposta vazia ao finalizar o pedido."), "valid", ["invalid"], ct);
            var chain = await PostAsGetTextAsync(order["certificate"]!.GetValue<string>(), ct);
            return new Issued(chain.Replace("\r\n", "\n", StringComparison.Ordinal), certificateKey.ExportPkcs8PrivateKeyPem() + "\n");
        }
        finally
        {
            foreach (var t in tokens) challenges.Remove(t);
        }
    }

    private async Task<string> AuthorizeAsync(string authorizationUrl, CancellationToken ct)
    {
        var (authorization, _) = await PostAsync(authorizationUrl, null, ct);
        var domain = authorization!["identifier"]?["value"]?.GetValue<string>();
        if (authorization["status"]?.GetValue<string>() == "valid") return "";
        var challenge = authorization["challenges"]!.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == "http-01")
            ?? throw new AcmeException($"A autoridade não ofereceu o desafio HTTP-01 para {domain}.");
        var token = challenge["token"]!.GetValue<string>();
        challenges.Add(token, token + "." + Thumbprint(_key!));
        log.LogInformation("ACME: desafio HTTP-01 de {Domain} publicado em /.well-known/acme-challenge/{Token}", domain, token);
        await PostAsync(challenge["url"]!.GetValue<string>(), new JsonObject(), ct);
        var final = await PollAsync(authorizationUrl, authorization, "valid", ["invalid", "deactivated", "expired", "revoked"], ct);
        if (final["status"]?.GetValue<string>() != "valid")
        {
            var detail = final["challenges"]?.AsArray().Select(c => c?["error"]?["detail"]?.GetValue<string>()).FirstOrDefault(d => d is not null);
            throw new AcmeException($"Validação HTTP-01 de {domain} falhou: {detail ?? final["status"]?.GetValue<string>()}.");
        }
        return token;
    }

    private async Task<JsonObject> PollAsync(string url, JsonObject current, string success, string[] failures, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var state = current["status"]?.GetValue<string>();
            if (state == success) return current;
            if (failures.Contains(state ?? ""))
            {
                if (current.ContainsKey("challenges")) return current; // the caller explains which challenge failed
                throw new AcmeException($"Pedido ACME terminou como '{state}': {current["error"]?["detail"]?.GetValue<string>()}");
            }
            if (DateTime.UtcNow > deadline) throw new AcmeException($"A autoridade não concluiu o pedido em {PollLimit.TotalMinutes:0} minutos (situação '{state}').");
            await Task.Delay(500, ct);
            var (next, _) = await PostAsync(url, null, ct);
            current = next ?? throw new AcmeException("Resposta vazia da autoridade ACME.");
        }
    }

    private async Task RegisterAsync(CancellationToken ct)
    {
        var payload = new JsonObject { ["termsOfServiceAgreed"] = true };
        if (options.AcmeEmail is { } email) payload["contact"] = new JsonArray("mailto:" + email);
        var (_, location) = await PostAsync(Url("newAccount"), payload, ct, useJwk: true);
        _kid = location ?? throw new AcmeException("A autoridade não devolveu o endereço da conta ACME.");
    }

    private async Task<(JsonObject? Body, string? Location)> PostAsync(string url, JsonObject? payload, CancellationToken ct, bool useJwk = false)
    {
        using var response = await SendSignedAsync(url, payload, useJwk, "application/json", ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, response.Headers.Location?.ToString());
    }

    private async Task<string> PostAsGetTextAsync(string url, CancellationToken ct)
    {
        using var response = await SendSignedAsync(url, null, false, "application/pem-certificate-chain", ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>One JWS POST; a badNonce answer is retried once with the fresh nonce the CA sent (RFC 8555 §6.5).</summary>
    private async Task<HttpResponseMessage> SendSignedAsync(string url, JsonObject? payload, bool useJwk, string accept, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var body = Sign(url, payload, await NonceAsync(ct), useJwk);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
            request.Headers.Accept.ParseAdd(accept);
            HttpResponseMessage response;
            try { response = await _http!.SendAsync(request, ct); }
            catch (HttpRequestException ex) { throw new AcmeException($"Sem conexão com a autoridade ACME ({options.AcmeDirectoryUrl}): {ex.Message}", ex); }
            _nonce = response.Headers.TryGetValues("Replay-Nonce", out var n) ? n.FirstOrDefault() : null;
            if (response.IsSuccessStatusCode) return response;
            var problem = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            JsonNode? doc = null;
            try { doc = JsonNode.Parse(problem); } catch (JsonException) { }
            if (attempt == 0 && doc?["type"]?.GetValue<string>() == "urn:ietf:params:acme:error:badNonce") continue;
            throw new AcmeException($"A autoridade ACME recusou o pedido ({(int)response.StatusCode}): {doc?["detail"]?.GetValue<string>() ?? problem}");
        }
    }

    private async Task<string> NonceAsync(CancellationToken ct)
    {
        if (_nonce is { } cached)
        {
            _nonce = null;
            return cached;
        }
        using var head = new HttpRequestMessage(HttpMethod.Head, Url("newNonce"));
        using var response = await _http!.SendAsync(head, ct);
        return response.Headers.TryGetValues("Replay-Nonce", out var n) ? n.First() : throw new AcmeException("A autoridade ACME não forneceu nonce.");
    }

    private string Sign(string url, JsonObject? payload, string nonce, bool useJwk)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["nonce"] = nonce, ["url"] = url };
        if (useJwk) header["jwk"] = Jwk(_key!);
        else header["kid"] = _kid;
        var protectedPart = B64(Encoding.UTF8.GetBytes(header.ToJsonString()));
        // POST-as-GET has an empty payload, not "{}".
        var payloadPart = payload is null ? "" : B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _key!.SignData(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new JsonObject { ["protected"] = protectedPart, ["payload"] = payloadPart, ["signature"] = B64(signature) }.ToJsonString();
    }

    private static JsonObject Jwk(ECDsa key)
    {
        var p = key.ExportParameters(false);
        // Members in lexicographic order: this exact text is what the thumbprint hashes (RFC 7638).
        return new JsonObject { ["crv"] = "P-256", ["kty"] = "EC", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) };
    }

    private static string Thumbprint(ECDsa key) => B64(SHA256.HashData(Encoding.UTF8.GetBytes(Jwk(key).ToJsonString())));

    private string Url(string name) => _directory?[name]?.GetValue<string>() ?? throw new AcmeException($"Diretório ACME sem '{name}'.");

    private async Task<JsonObject> GetJsonAsync(string url, CancellationToken ct)
    {
        try
        {
            return JsonNode.Parse(await _http!.GetStringAsync(url, ct)) as JsonObject ?? throw new AcmeException($"Diretório ACME inválido em {url}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            throw new AcmeException($"Sem acesso ao diretório ACME {url}: {ex.Message}", ex);
        }
    }

    /// <summary>The account key: one per portal, stored Data-Protection-encrypted in certificates/acme-account.key.</summary>
    private ECDsa LoadOrCreateAccountKey()
    {
        var protector = protection.CreateProtector("Portal.Certificates.AcmeAccount");
        var file = Path.Combine(options.CertificatesFolder, "acme-account.key");
        var key = ECDsa.Create();
        if (File.Exists(file))
        {
            try
            {
                key.ImportFromPem(protector.Unprotect(File.ReadAllText(file)));
                return key;
            }
            catch (CryptographicException ex)
            {
                log.LogWarning("Chave da conta ACME ilegível ({Reason}); uma nova conta será criada.", ex.Message);
            }
        }
        key.Dispose();
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateFiles.WriteAtomic(file, Encoding.UTF8.GetBytes(protector.Protect(key.ExportPkcs8PrivateKeyPem())));
        return key;
    }

    private HttpClient CreateHttp()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (options.AcmeServerCaPath is { } caPath)
        {
            // A private ACME CA (pebble in the tests): trusted for this client only, never added to the system store.
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caPath);
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("PortalContabil-ACME/1.0");
        return http;
    }

    public void Dispose()
    {
        _http?.Dispose();
        _key?.Dispose();
    }

    private static string B64(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
