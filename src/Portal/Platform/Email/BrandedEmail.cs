using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Portal.Platform.Settings;
using Portal.Platform.Validation;

namespace Portal.Platform.Email;

/// <summary>One line of an e-mail list: text and, optionally, a portal path it links to.</summary>
public sealed record EmailLine(string Text, string? Path = null);

/// <summary>A titled group of lines (e.g. a digest's items of one tax regime); an empty title means no heading.</summary>
public sealed record EmailGroup(string? Title, IReadOnlyList<EmailLine> Lines);

/// <summary>What an e-mail says, independent of its format: heading, paragraphs, grouped lines and one main button.</summary>
public sealed record EmailContent(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<EmailGroup>? Groups = null,
    EmailLine? Action = null);

/// <summary>Both bodies of an outgoing message: MailKit sends them as multipart/alternative.</summary>
public sealed record RenderedEmail(string Html, string Text);

/// <summary>
/// The portal's e-mail template (notifications.md §6 "HTML + text, firm logo, pt-BR"; §4.2 "Digest e-mails use the
/// firm's branding"): a header with the firm's name on its colour, the content, and a footer. Every piece of user text
/// is HTML-encoded; links are made absolute with <c>Portal:PublicUrl</c> because a mail client has no base address.
/// The logo is never a remote image (/marca/logo needs a session, and a remote image is fetched by — or blocked in —
/// the reader's client): the transport attaches it inline at send time where <see cref="EmailLogo.Placeholder"/> is.
/// </summary>
public sealed class BrandedEmail(SettingsService settings, IConfiguration config)
{
    private const string FallbackColor = "#0b288b";

    /// <summary>Escapes markup characters but keeps accented letters readable (pt-BR text would otherwise be all entities).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public async Task<RenderedEmail> RenderAsync(EmailContent content, CancellationToken ct = default) => (await RendererAsync(ct))(content);

    /// <summary>Reads the branding once, for a batch of messages.</summary>
    public async Task<Func<EmailContent, RenderedEmail>> RendererAsync(CancellationToken ct = default)
    {
        var s = await settings.GetAsync(ct);
        var (firm, color, root) = (s.FirmName, s.PrimaryColor, config["Portal:PublicUrl"]);
        return content => Render(content, firm, color, root);
    }

    /// <summary>The absolute address of a portal path (unchanged when <c>Portal:PublicUrl</c> is not set).</summary>
    public static string Absolute(string? publicUrl, string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && publicUrl is { Length: > 0 } root ? root.TrimEnd('/') + path : path;

    public static RenderedEmail Render(EmailContent content, string firmName, string color, string? publicUrl)
    {
        // The colour goes into a style attribute: only a validated #RRGGBB ever reaches it.
        if (!Validators.IsColor(color)) color = FallbackColor;
        static string E(string text) => Encoder.Encode(text);
        string Url(string path) => Absolute(publicUrl, path);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(E(content.Heading)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#212529\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f4f5f7\"><tr><td align=\"center\" style=\"padding:24px 12px\">")
            .Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;width:100%;background:#ffffff;border-radius:6px\">")
            .Append("<tr><td style=\"background:").Append(color).Append(";color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;border-radius:6px 6px 0 0\">")
            .Append(EmailLogo.Placeholder).Append(E(firmName)).Append("</td></tr>")
            .Append("<tr><td style=\"padding:24px\">")
            .Append("<h1 style=\"font-size:20px;margin:0 0 16px\">").Append(E(content.Heading)).Append("</h1>");
        foreach (var p in content.Paragraphs)
            html.Append("<p style=\"margin:0 0 12px;line-height:1.5\">").Append(string.Join("<br>", p.Split('\n').Select(E))).Append("</p>");
        foreach (var group in content.Groups ?? [])
        {
            if (group.Title is { Length: > 0 } title) html.Append("<h2 style=\"font-size:16px;margin:16px 0 8px\">").Append(E(title)).Append("</h2>");
            html.Append("<ul style=\"margin:0 0 12px;padding-left:20px;line-height:1.6\">");
            foreach (var line in group.Lines)
            {
                html.Append("<li>");
                if (line.Path is { } path) html.Append("<a href=\"").Append(E(Url(path))).Append("\" style=\"color:").Append(color).Append("\">").Append(E(line.Text)).Append("</a>");
                else html.Append(E(line.Text));
                html.Append("</li>");
            }
            html.Append("</ul>");
        }
        if (content.Action is { Path: { } actionPath } action)
            html.Append("<p style=\"margin:20px 0 0\"><a href=\"").Append(E(Url(actionPath))).Append("\" style=\"display:inline-block;background:").Append(color)
                .Append(";color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px\">").Append(E(action.Text)).Append("</a></p>");
        html.Append("</td></tr>")
            .Append("<tr><td style=\"padding:12px 24px 20px;font-size:12px;color:#6c757d;border-top:1px solid #e9ecef\">")
            .Append("Mensagem automática do portal de ").Append(E(firmName)).Append(". ")
            .Append("<a href=\"").Append(E(Url("/perfil/notificacoes"))).Append("\" style=\"color:#6c757d\">Preferências de notificação</a>")
            .Append("</td></tr></table></td></tr></table></body></html>");

        var text = new StringBuilder();
        text.Append(firmName).Append("\n\n").Append(content.Heading).Append('\n');
        foreach (var p in content.Paragraphs) text.Append('\n').Append(p).Append('\n');
        foreach (var group in content.Groups ?? [])
        {
            text.Append('\n');
            if (group.Title is { Length: > 0 } title) text.Append(title).Append('\n');
            foreach (var line in group.Lines)
            {
                text.Append("  • ").Append(line.Text).Append('\n');
                if (line.Path is { } path) text.Append("    ").Append(Url(path)).Append('\n');
            }
        }
        if (content.Action is { Path: { } p2 } a2) text.Append('\n').Append(a2.Text).Append(": ").Append(Url(p2)).Append('\n');
        text.Append("\n--\nMensagem automática do portal de ").Append(firmName).Append(". Preferências de notificação: ")
            .Append(Url("/perfil/notificacoes")).Append('\n');
        return new RenderedEmail(html.ToString(), text.ToString());
    }
}
