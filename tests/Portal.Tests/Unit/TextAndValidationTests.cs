using Portal.Platform.Text;
using Portal.Platform.Time;
using Portal.Platform.Validation;

namespace Portal.Tests.Unit;

public sealed class TextAndValidationTests
{
    [Theory]
    [InlineData("  João  da   Silva ", "JOAO DA SILVA")]
    [InlineData("Contábil", "CONTABIL")]
    [InlineData("", "")]
    public void Key_is_upper_case_without_accents_and_collapsed_spaces(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Key(input));

    [Theory]
    [InlineData("Acesso ao SAT", "acesso-ao-sat")]
    [InlineData("SIEG TAG", "sieg-tag")]
    [InlineData("Ação & Reação!", "acao-reacao")]
    public void Slug_is_ascii_lower_case(string input, string expected) => Assert.Equal(expected, TextNormalizer.Slug(input));

    [Theory]
    [InlineData("/inicio", true)]
    [InlineData("/perfil/sessoes?x=1", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_local_paths_are_redirect_targets(string? url, bool ok) => Assert.Equal(ok, Validators.IsLocalPath(url));

    [Theory]
    [InlineData("ana@firma.com.br", true)]
    [InlineData("ANA.SILVA+x@firma.com", true)]
    [InlineData("ana@firma", false)]
    [InlineData("ana firma@x.com", false)]
    [InlineData("a@b@c.com", false)]
    public void Email_validation(string email, bool ok) => Assert.Equal(ok, Validators.IsEmail(email));

    [Fact]
    public void Text_trims_and_reports_required_and_limits_in_portuguese()
    {
        var errors = new FieldErrors();
        Assert.Null(Validators.Text(errors, "Nome", "   ", 10));
        Assert.Equal("abc", Validators.Text(errors, "Outro", "  abc ", 10));
        Validators.Text(errors, "Longo", new string('x', 11), 10);
        Assert.Equal("Campo obrigatório.", errors["Nome"].Single());
        Assert.Equal("Máximo de 10 caracteres.", errors["Longo"].Single());
        Assert.False(errors.ContainsKey("Outro"));
    }

    [Fact]
    public void Sao_paulo_helpers_convert_and_format()
    {
        var utc = new DateTime(2025, 10, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("01/10/2025 09:00", SaoPaulo.Format(utc));
        Assert.Equal(utc, SaoPaulo.ToUtc(new DateTime(2025, 10, 1, 9, 0, 0)));
        var now = utc.AddMinutes(5);
        Assert.Equal("há 5 minutos", SaoPaulo.Relative(utc, now));
        Assert.Equal("agora", SaoPaulo.Relative(utc, utc.AddSeconds(20)));
        Assert.Equal("há 1 hora", SaoPaulo.Relative(utc, utc.AddMinutes(61)));
        Assert.Equal("ontem", SaoPaulo.Relative(utc, utc.AddDays(1)));
        Assert.Equal("01/10/2025", SaoPaulo.Relative(utc, utc.AddDays(3)));
    }
}
