using System.Net;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Portal.Platform.Configuration;

namespace Portal.Platform.Ops.Certificates;

/// <summary>
/// Kestrel mode (operations.md §5): HTTPS on Tls:HttpsPort with the certificate of <see cref="CertificateReloader"/>
/// (TLS 1.2/1.3), HTTP on Tls:HttpPort only to redirect (301) and to answer ACME HTTP-01 challenges.
/// </summary>
public static class KestrelTls
{
    public const string AcmePath = "/.well-known/acme-challenge";

    public static void AddKestrelTls(this WebApplicationBuilder builder, TlsOptions options)
    {
        builder.Services.Configure<HttpsRedirectionOptions>(o => o.RedirectStatusCode = StatusCodes.Status301MovedPermanently);
        if (options.Mode != TlsMode.Kestrel) return;
        builder.WebHost.ConfigureKestrel(k =>
        {
            var reloader = k.ApplicationServices.GetRequiredService<CertificateReloader>();
            Listen(k, options.ListenAddress, options.HttpsPort, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                l.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = _ => ValueTask.FromResult(reloader.ServerOptions()) });
            });
            if (options.HttpPort >= 0) Listen(k, options.ListenAddress, options.HttpPort, _ => { });
        });
    }

    private static void Listen(KestrelServerOptions k, string address, int port, Action<ListenOptions> configure)
    {
        if (address is "*" or "" or "0.0.0.0") k.ListenAnyIP(port, configure);
        else if (address == "localhost") k.ListenLocalhost(port, configure);
        else k.Listen(IPAddress.Parse(address), port, configure);
    }

    /// <summary>HSTS in Proxy and Kestrel modes; in Kestrel mode HTTP → HTTPS (301) except ACME challenges.</summary>
    public static void UsePortalHttps(this WebApplication app)
    {
        var mode = app.Configuration.GetTlsMode(app.Environment);
        if (mode != TlsMode.None) app.UseHsts();
        if (mode == TlsMode.Kestrel)
            app.UseWhen(c => !c.Request.Path.StartsWithSegments(AcmePath), branch => branch.UseHttpsRedirection());
    }

    public static void MapAcmeChallenges(this WebApplication app) =>
        app.MapGet(AcmePath + "/{token}", (string token, AcmeChallenges challenges) =>
                challenges.Find(token) is { } answer
                    ? Results.Text(answer, "application/octet-stream")
                    // Over plain HTTP the error pages answer in text (ErrorPages), so the CA never gets HTML.
                    : Results.NotFound())
            .AllowAnonymous()
            .DisableAntiforgery();
}
