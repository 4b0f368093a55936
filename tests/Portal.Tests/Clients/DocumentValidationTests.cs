using Portal.Platform.Validation;

namespace Portal.Tests.Clients;

/// <summary>Check digits of clients.md §3 (CLI-01..05 at the unit level) and the phone/CEP/URL rules of platform.md §3.</summary>
public sealed class DocumentValidationTests
{
    [Theory]
    [InlineData("11.222.333/0001-81", true)]
    [InlineData("11222333000181", true)]
    [InlineData(" 11 222 333 0001 81 ", true)]
    [InlineData("11.222.333/0001-82", false)]
    [InlineData("11111111111111", false)]
    [InlineData("00000000000000", false)]
    [InlineData("1122233300018", false)]
    [InlineData("112223330001811", false)]
    [InlineData("12ABC34501DE35", true)]
    [InlineData("12.abc.345/01de-35", true)]
    [InlineData("12ABC34501DE36", false)]
    [InlineData("12ABC34501DE3A", false)]
    [InlineData("12ABC34501DÉ35", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Cnpj_check_digits(string? value, bool valid) => Assert.Equal(valid, Documents.IsCnpj(value));

    [Theory]
    [InlineData("529.982.247-25", true)]
    [InlineData("52998224725", true)]
    [InlineData("529.982.247-24", false)]
    [InlineData("111.111.111-11", false)]
    [InlineData("5299822472", false)]
    [InlineData("5299822472A", false)]
    public void Cpf_check_digits(string value, bool valid) => Assert.Equal(valid, Documents.IsCpf(value));

    [Fact]
    public void Generated_check_digits_validate_for_numeric_and_alphanumeric_bodies()
    {
        var rng = new Random(42);
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (var i = 0; i < 500; i++)
        {
            var body = new string(Enumerable.Range(0, 12).Select(_ => alphabet[rng.Next(i % 2 == 0 ? 10 : alphabet.Length)]).ToArray());
            var cnpj = body + Documents.CnpjCheckDigits(body);
            if (cnpj.All(c => c == cnpj[0])) continue;
            Assert.True(Documents.IsCnpj(cnpj), cnpj);
            var wrong = cnpj[..13] + (char)('0' + (cnpj[13] - '0' + 1) % 10);
            Assert.False(Documents.IsCnpj(wrong), wrong);

            var cpfBody = string.Concat(Enumerable.Range(0, 9).Select(_ => rng.Next(10)));
            var cpf = cpfBody + Documents.CpfCheckDigits(cpfBody);
            if (cpf.All(c => c == cpf[0])) continue;
            Assert.True(Documents.IsCpf(cpf), cpf);
        }
        Assert.Equal("35", Documents.CnpjCheckDigits("12ABC34501DE"));
        Assert.Equal("81", Documents.CnpjCheckDigits("112223330001"));
    }

    [Theory]
    [InlineData("11222333000181", "11.222.333/0001-81")]
    [InlineData("12ABC34501DE35", "12.ABC.345/01DE-35")]
    [InlineData("52998224725", "529.982.247-25")]
    [InlineData("123", "123")]
    public void Format(string stored, string shown) => Assert.Equal(shown, Documents.Format(stored));

    [Theory]
    [InlineData("(48) 99999-8888", "48999998888")]
    [InlineData("+55 48 3333-4444", "4833334444")]
    [InlineData("5548999998888", "48999998888")]
    [InlineData("99999-8888", null)]
    [InlineData("(48) 9999-88888-1", null)]
    [InlineData("abc", null)]
    public void Phone_normalization(string input, string? stored) => Assert.Equal(stored, BrazilianFormats.NormalizePhone(input));

    [Theory]
    [InlineData("48999998888", "(48) 99999-8888")]
    [InlineData("4833334444", "(48) 3333-4444")]
    public void Phone_format(string stored, string shown) => Assert.Equal(shown, BrazilianFormats.FormatPhone(stored));

    [Theory]
    [InlineData("https://nfse.prefeitura.sc.gov.br/login", true)]
    [InlineData("http://x.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("www.semesquema.com", false)]
    public void Url_validation(string url, bool ok) => Assert.Equal(ok, BrazilianFormats.IsHttpUrl(url));

    [Theory]
    [InlineData("88000-000", "88000000")]
    [InlineData("8800000", null)]
    public void Postal_code(string input, string? stored) => Assert.Equal(stored, BrazilianFormats.NormalizePostalCode(input));
}
