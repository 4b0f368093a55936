using Portal.Platform.Identity;
using Xunit;

namespace Portal.Tests.Identity;

public class PasswordPolicyTests
{
    private const string MinLengthMessage = "A senha deve ter pelo menos 12 caracteres.";
    private const string TooLongMessage = "A senha deve ter no máximo 128 caracteres.";
    private const string CommonMessage = "Senha muito comum. Escolha outra.";
    private const string IdentityMessage = "A senha não pode conter seu e-mail ou nome de usuário.";
    private const string RequiredMessage = "Campo obrigatório.";

    private readonly PasswordPolicy _policy = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_EmptyPassword_IsRequired(string? password)
    {
        Assert.Equal([RequiredMessage], _policy.Validate(password, "ana@example.com", "ana"));
    }

    [Fact]
    public void Validate_IDN11_ShortPassword_ReportsMinimumLength()
    {
        Assert.Contains(MinLengthMessage, _policy.Validate("abc12345678", null, null));
    }

    [Fact]
    public void Validate_IDN11_CommonPassword_IsRejected()
    {
        Assert.Equal([CommonMessage], _policy.Validate("password1234", null, null));
    }

    [Theory]
    [InlineData("PASSWORD1234")]
    [InlineData("Senha@123456")]
    [InlineData("senha12345678")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop123")]
    [InlineData("Administrador")]
    [InlineData("brasil123456")]
    [InlineData("iloveyou1234")]
    public void Validate_CommonPassword_IsRejectedCaseInsensitively(string password)
    {
        Assert.Contains(CommonMessage, _policy.Validate(password, null, null));
    }

    [Fact]
    public void Validate_CommonListIsExactMatchNotSubstring()
    {
        Assert.Empty(_policy.Validate("password1234 com cavalo bateria grampo", null, null));
    }

    [Fact]
    public void Validate_IDN11_LongPassphraseWithSpaces_IsAccepted()
    {
        var passphrase = "cavalo correto bateria grampo e mais umas palavras até sessenta";
        passphrase += new string('!', 64 - passphrase.Length);
        Assert.Equal(64, passphrase.Length);

        Assert.Empty(_policy.Validate(passphrase, "maria.silva@example.com", "msilva"));
    }

    [Fact]
    public void Validate_NoCompositionRules_LowercaseOnlyIsAccepted()
    {
        Assert.Empty(_policy.Validate("umasenhasemnumeros", null, null));
    }

    [Theory]
    [InlineData("xx-maria.silva-2024", "maria.silva@example.com", null)]
    [InlineData("MARIA.SILVA@EXAMPLE", "maria.silva@example.com", null)]
    [InlineData("meu nome é msilva!!", null, "msilva")]
    [InlineData("MSilva", null, "msilva")]
    public void Validate_ContainingEmailOrUsername_IsRejected(string password, string? email, string? username)
    {
        Assert.Contains(IdentityMessage, _policy.Validate(password, email, username));
    }

    [Fact]
    public void Validate_ShortIdentifiers_AreIgnored()
    {
        Assert.Empty(_policy.Validate("jo e ab viajaram juntos", "jo@example.com", "ab"));
    }

    [Fact]
    public void Validate_129Characters_IsTooLong()
    {
        Assert.Equal([TooLongMessage], _policy.Validate(new string('a', 129), null, null));
    }

    [Fact]
    public void Validate_128Characters_IsAccepted()
    {
        Assert.Empty(_policy.Validate(new string('x', 64) + new string('y', 64), null, null));
    }

    [Fact]
    public void Validate_CountsCodePointsNotUtf16Units()
    {
        // Six emoji are twelve UTF-16 units but only six characters.
        Assert.Contains(MinLengthMessage, _policy.Validate(string.Concat(Enumerable.Repeat("🔑", 6)), null, null));
        // 128 emoji are 256 UTF-16 units but within the limit.
        Assert.DoesNotContain(TooLongMessage, _policy.Validate(string.Concat(Enumerable.Repeat("🔑", 128)), null, null));
    }

    [Theory]
    [InlineData(4, 8)]
    [InlineData(8, 8)]
    [InlineData(16, 16)]
    [InlineData(500, 128)]
    public void Constructor_ClampsMinimumLength(int requested, int expected)
    {
        Assert.Equal(expected, new PasswordPolicy(requested).MinimumLength);
    }

    [Fact]
    public void Validate_UsesConfiguredMinimumInMessage()
    {
        Assert.Contains("A senha deve ter pelo menos 16 caracteres.", new PasswordPolicy(16).Validate("cavalo correto", null, null));
    }
}
