using Portal.Platform.RichText;
using Portal.Platform.Validation;

namespace Portal.Tests.Platform;

/// <summary>platform.md §4 allow-list without HTTP: PLT-09 and the style → class conversion.</summary>
public sealed class RichTextSanitizerTests
{
    private static readonly RichTextSanitizer Sanitizer = RichTextSanitizer.Instance;

    private static string? Clean(string html) => Sanitizer.Clean(html).Html;

    // ---- PLT-09: what never survives ----------------------------------------------------------------------------

    [Theory]
    [InlineData("<p>antes</p><script>alert(1)</script><p>depois</p>", "<p>antes</p><p>depois</p>")]
    [InlineData("<p>a<script src=\"https://evil.example/x.js\"></script>b</p>", "<p>ab</p>")]
    [InlineData("<p onclick=\"alert(1)\">texto</p>", "<p>texto</p>")]
    [InlineData("<img src=\"/arquivos/0b6f3c2e-2d8a-4f7e-9a55-3b1c8f0e7d21\" onerror=\"alert(1)\">", "<img src=\"/arquivos/0b6f3c2e-2d8a-4f7e-9a55-3b1c8f0e7d21\">")]
    [InlineData("<p><a href=\"javascript:alert(1)\">clique</a></p>", "<p>clique</p>")]
    [InlineData("<p><a href=\" JaVaScRiPt:alert(1)\">clique</a></p>", "<p>clique</p>")]
    [InlineData("<p><a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a></p>", "<p>x</p>")]
    [InlineData("<p><a href=\"vbscript:msgbox\">x</a></p>", "<p>x</p>")]
    [InlineData("<p>x<svg onload=\"alert(1)\"><script>alert(2)</script><text>svg</text></svg>y</p>", "<p>xy</p>")]
    [InlineData("<p>x<img src=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=\">y</p>", "<p>xy</p>")]
    [InlineData("<p>x<img src=\"/img/logo-default.svg\">y</p>", "<p>xy</p>")]
    [InlineData("<p>x<iframe src=\"https://evil.example\">conteúdo</iframe>y</p>", "<p>xy</p>")]
    [InlineData("<style>p{color:red}</style><p>x</p>", "<p>x</p>")]
    [InlineData("<p>x<object data=\"x.swf\"><embed src=\"x.swf\"></object>y</p>", "<p>xy</p>")]
    [InlineData("<p>x<math><mi>y</mi></math>z</p>", "<p>xz</p>")]
    [InlineData("<form action=\"/logout\" method=\"post\"><button>Sair</button></form><p>ok</p>", "<p>ok</p>")]
    [InlineData("<p>a<!-- comentário -->b</p>", "<p>ab</p>")]
    [InlineData("<p id=\"x\" data-x=\"1\" title=\"t\" class=\"btn ql-align-center\">a</p>", "<p class=\"ql-align-center\">a</p>")]
    [InlineData("<img src=\"/arquivos/0b6f3c2e-2d8a-4f7e-9a55-3b1c8f0e7d21\" width=\"100%\" height=\"120\" class=\"foo\">", "<img src=\"/arquivos/0b6f3c2e-2d8a-4f7e-9a55-3b1c8f0e7d21\" height=\"120\">")]
    public void PLT09_dangerous_content_is_removed(string input, string expected) => Assert.Equal(expected, Clean(input));

    [Fact]
    public void PLT09_allowed_formatting_survives()
    {
        var html = "<h1>Título</h1><h4>Sub</h4><p><strong>negrito</strong> <b>b</b> <em>itálico</em> <i>i</i> <u>sublinhado</u></p>" +
                   "<ul><li>um</li><li>dois<ol><li>a</li></ol></li></ul><blockquote>citação</blockquote><pre>código\n  recuado</pre>" +
                   "<p><code>x = 1</code><br>linha</p><div>bloco</div>" +
                   "<p class=\"ql-align-right ql-indent-2\"><span class=\"ql-color-red ql-bg-lightyellow ql-size-large\">cor</span></p>";
        Assert.Equal(html, Clean(html));
    }

    [Fact]
    public void Links_keep_http_https_mailto_and_relative_and_always_open_without_opener()
    {
        var html = Clean("<p><a href=\"https://exemplo.com.br/a?b=1\" title=\"Site\" target=\"_self\" rel=\"opener\">site</a> " +
                         "<a href=\"http://exemplo.com.br\">http</a> <a href=\"mailto:fiscal@exemplo.com.br\">mail</a> " +
                         "<a href=\"/tarefas/1\">interno</a> <a>sem destino</a> <a href=\"ftp://x\">ftp</a></p>");
        Assert.Equal("<p><a href=\"https://exemplo.com.br/a?b=1\" title=\"Site\" target=\"_blank\" rel=\"noopener noreferrer\">site</a> " +
                     "<a href=\"http://exemplo.com.br\" target=\"_blank\" rel=\"noopener noreferrer\">http</a> " +
                     "<a href=\"mailto:fiscal@exemplo.com.br\" target=\"_blank\" rel=\"noopener noreferrer\">mail</a> " +
                     "<a href=\"/tarefas/1\" target=\"_blank\" rel=\"noopener noreferrer\">interno</a> sem destino ftp</p>", html);
    }

    [Fact]
    public void Remote_images_become_links_because_the_csp_only_shows_local_images()
    {
        Assert.Equal("<p><a href=\"https://exemplo.com.br/grafico.png\" target=\"_blank\" rel=\"noopener noreferrer\">Gráfico</a></p>",
            Clean("<p><img src=\"https://exemplo.com.br/grafico.png\" alt=\"Gráfico\"></p>"));
        Assert.Equal("<p><a href=\"http://exemplo.com.br/x.svg\" target=\"_blank\" rel=\"noopener noreferrer\">http://exemplo.com.br/x.svg</a></p>",
            Clean("<p><img src=\"http://exemplo.com.br/x.svg\"></p>"));
    }

    [Fact]
    public void Unknown_classes_are_removed_and_palette_classes_kept()
    {
        Assert.Equal("<p><span class=\"ql-color-blue\">a</span>b</p>",
            Clean("<p><span class=\"ql-color-blue ql-color-#ff0000 text-danger\">a</span><span class=\"d-none\">b</span></p>"));
        Assert.All(RichTextPalette.Colors, c =>
        {
            Assert.Contains("ql-color-" + c.Key, RichTextFormats.Classes);
            Assert.Contains("ql-bg-" + c.Key, RichTextFormats.Classes);
        });
    }

    // ---- style → class ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("<span style=\"color: #ff0000\">x</span>", "<span class=\"ql-color-red\">x</span>")]
    [InlineData("<span style=\"color:rgb(0, 102, 204)\">x</span>", "<span class=\"ql-color-blue\">x</span>")]
    [InlineData("<span style=\"color: green !important\">x</span>", "<span class=\"ql-color-green\">x</span>")]
    [InlineData("<span style=\"color:#800000\">x</span>", "<span class=\"ql-color-red\">x</span>")]
    [InlineData("<span style=\"background-color: yellow\">x</span>", "<span class=\"ql-bg-yellow\">x</span>")]
    [InlineData("<span style=\"background: #fff3cd url(x.png) no-repeat\">x</span>", "<span class=\"ql-bg-lightyellow\">x</span>")]
    [InlineData("<span style=\"background-color: rgba(255, 0, 0, 0)\">x</span>", "x")]
    [InlineData("<span style=\"color:#000000;background-color:transparent;font-family:Arial\">x</span>", "x")]
    [InlineData("<span style=\"font-size: 9pt\">x</span>", "<span class=\"ql-size-small\">x</span>")]
    [InlineData("<span style=\"font-size: 11pt\">x</span>", "x")]
    [InlineData("<span style=\"font-size: 18pt\">x</span>", "<span class=\"ql-size-large\">x</span>")]
    [InlineData("<span style=\"font-size: 2.5em\">x</span>", "<span class=\"ql-size-huge\">x</span>")]
    [InlineData("<span style=\"font-size: x-large\">x</span>", "<span class=\"ql-size-large\">x</span>")]
    [InlineData("<span style=\"color: url(javascript:alert(1)); font-size: expression(alert(1))\">x</span>", "x")]
    [InlineData("<span class=\"ql-color-green\" style=\"color: red\">x</span>", "<span class=\"ql-color-green\">x</span>")]
    [InlineData("<font color=\"#0000ff\" size=\"6\">x</font>", "<span class=\"ql-color-blue ql-size-large\">x</span>")]
    public void Inline_styles_become_editor_classes_and_the_style_attribute_is_dropped(string fragment, string expected) =>
        Assert.Equal("<p>" + expected + "</p>", Clean("<p>" + fragment + "</p>"));

    [Theory]
    [InlineData("<p style=\"text-align: center\">x</p>", "<p class=\"ql-align-center\">x</p>")]
    [InlineData("<h2 style=\"text-align:right\">x</h2>", "<h2 class=\"ql-align-right\">x</h2>")]
    [InlineData("<div style=\"text-align: justify; color: #dc3545\">x</div>", "<div class=\"ql-align-justify ql-color-red\">x</div>")]
    [InlineData("<p style=\"text-align: left\">x</p>", "<p>x</p>")]
    [InlineData("<p style=\"position:fixed;top:0;left:0;width:100%;height:100%\">x</p>", "<p>x</p>")]
    public void Block_alignment_becomes_a_class(string input, string expected) => Assert.Equal(expected, Clean(input));

    [Theory]
    [InlineData(255, 0, 0, "red")]
    [InlineData(0, 0, 0, "black")]
    [InlineData(250, 250, 250, "white")]
    [InlineData(128, 128, 128, "gray")]
    [InlineData(0, 0, 139, "blue")]
    [InlineData(255, 255, 0, "yellow")]
    [InlineData(255, 165, 0, "orange")]
    [InlineData(0, 128, 0, "green")]
    [InlineData(128, 0, 128, "purple")]
    [InlineData(204, 224, 245, "lightblue")]
    [InlineData(128, 0, 0, "red")]
    [InlineData(255, 215, 0, "yellow")]
    [InlineData(240, 240, 240, "white")]
    [InlineData(40, 40, 40, "black")]
    public void Colours_map_to_the_nearest_palette_colour(int r, int g, int b, string key) =>
        Assert.Equal(key, RichTextPalette.Nearest(r, g, b).Key);

    [Fact]
    public void Every_palette_colour_maps_to_itself_and_has_a_key_quill_can_read() =>
        Assert.All(RichTextPalette.Colors, c =>
        {
            Assert.Equal(c.Key, RichTextPalette.Nearest(c.Rgb.R, c.Rgb.G, c.Rgb.B).Key);
            Assert.Matches("^[a-z]+$", c.Key); // Quill takes the format name as the class up to its last hyphen
        });

    // ---- plain text, emptiness, limits ----------------------------------------------------------------------------

    [Fact]
    public void Plain_text_has_one_line_per_block_and_collapsed_blanks()
    {
        var result = Sanitizer.Clean("<h1>Título</h1><p>Olá,&nbsp;&nbsp; <strong>mundo</strong></p><p><br></p><ul><li>um</li><li>dois</li></ul>" +
                                     "<p>a<br>b</p><p><img src=\"/arquivos/0b6f3c2e-2d8a-4f7e-9a55-3b1c8f0e7d21\"></p>");
        Assert.Equal("Título\nOlá, mundo\num\ndois\na\nb", result.PlainText);
        Assert.Equal(result.PlainText.Length, result.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<p><br></p>")]
    [InlineData("<p>&nbsp;</p><p> </p>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<p><img src=\"javascript:alert(1)\"></p>")]
    public void Empty_content_has_null_html_and_empty_plain_text(string? input)
    {
        var result = Sanitizer.Clean(input);
        Assert.Null(result.Html);
        Assert.Equal("", result.PlainText);
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void An_image_alone_is_content()
    {
        var result = Sanitizer.Clean("<p><img src=\"/arquivos/0b6f3c2e-2d8a-4f7e-9a55-3b1c8f0e7d21\"></p>");
        Assert.NotNull(result.Html);
        Assert.Equal("", result.PlainText);
    }

    [Fact]
    public void Validate_counts_plain_text_characters_not_markup()
    {
        var fits = Sanitizer.Clean("<p><strong class=\"ql-color-red\">" + new string('a', 10) + "</strong></p>");
        var errors = new FieldErrors();
        Assert.True(fits.Validate(errors, "Description", 10));
        Assert.False(Sanitizer.Clean("<p>" + new string('a', 11) + "</p>").Validate(errors, "Description", 10));
        Assert.False(RichTextResult.Empty.Validate(errors, "Comment", 10, required: true));
        Assert.True(RichTextResult.Empty.Validate(errors, "Notes", 10));
        Assert.Equal(["Máximo de 10 caracteres."], errors["Description"]);
        Assert.Equal(["Campo obrigatório."], errors["Comment"]);
    }

    [Theory]
    [InlineData("<p style=\"color:#ff0000;text-align:center\">a <a href=\"https://x.example\">b</a> <img src=\"https://x.example/i.png\"></p><script>x</script>")]
    [InlineData("<table><tr><td>célula 1</td><td>célula 2</td></tr></table><h6>fim</h6>")]
    [InlineData("<ul><li class=\"ql-indent-1\">x</li></ul><pre>a &lt;b&gt; c</pre><p>&lt;script&gt;</p>")]
    public void Cleaning_is_idempotent(string input)
    {
        var once = Clean(input);
        Assert.Equal(once, Clean(once!));
    }

    [Fact]
    public void Tables_and_unknown_wrappers_keep_their_text()
    {
        Assert.Equal("<div>célula 1 célula 2 </div><h4>fim</h4><p>seção</p>",
            Clean("<table><tbody><tr><td>célula 1</td><th>célula 2</th></tr></tbody></table><h6>fim</h6><section><p>seção</p></section>"));
    }

    [Fact]
    public void Rendering_helpers_sanitize_again_and_wrap_in_the_rich_text_class()
    {
        using var writer = new StringWriter();
        RichTextHtml.Content("<p onclick=\"x()\">a</p><script>b</script>").WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal("<p>a</p>", writer.ToString());
    }

    [Fact]
    public void Richtext_css_paints_every_palette_colour_with_the_same_value()
    {
        var css = File.ReadAllText(Path.Combine(RepositoryRoot(), "src/Portal/wwwroot/css/richtext.css"));
        foreach (var c in RichTextPalette.Colors)
        {
            Assert.Contains($".rich-text .ql-color-{c.Key}, .ql-editor .ql-color-{c.Key} {{ color: {c.Hex}; }}", css);
            Assert.Contains($".rich-text .ql-bg-{c.Key}, .ql-editor .ql-bg-{c.Key} {{ background-color: {c.Hex}; }}", css);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Portal.slnx not found above the test binaries.");
    }
}
