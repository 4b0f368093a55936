using Portal.Platform.Ops.Import;

namespace Portal.Tests.Import;

/// <summary>Fernet tokens of the original (operations.md §9.2) read with .NET cryptography.</summary>
public sealed class FernetTests
{
    // The Fernet specification's test vector (github.com/fernet/spec, generate.json).
    private const string SpecKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    private const string SpecToken = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

    // Produced by Python cryptography 48 (Fernet(SpecKey).encrypt("Senha Consultoria ção!".encode())).
    private const string PythonToken = "gAAAAABrDTOOt38SRRseA-6cyunDebt_ZBBHfsUb-bEohzDY332PPHvl0VLjMqhqf3uLpAhog-7af0Wvih5eYJrBfcozTZCV7JniaWwkd88fDkbFe259wMk=";

    [Fact]
    public void Decrypts_the_spec_vector_and_a_token_made_by_python_cryptography()
    {
        Assert.True(Fernet.TryCreate(SpecKey, out var fernet));
        Assert.Equal("hello", fernet!.TryDecrypt(SpecToken));
        Assert.Equal("Senha Consultoria ção!", fernet.TryDecrypt(PythonToken));
    }

    [Fact]
    public void Round_trips_a_token_built_from_the_format_by_the_test()
    {
        Assert.True(Fernet.TryCreate(LegacyTestData.LegacyKey, out var fernet));
        Assert.Equal("segredo ç", fernet!.TryDecrypt(LegacyTestData.FernetToken(LegacyTestData.LegacyKey, "segredo ç")));
        Assert.Equal("x", fernet.TryDecrypt(fernet.Encrypt("x")));
    }

    [Fact]
    public void A_tampered_token_or_another_key_is_refused_before_decrypting()
    {
        Assert.True(Fernet.TryCreate(SpecKey, out var fernet));
        var bytes = SpecToken.ToCharArray();
        bytes[40] = bytes[40] == 'A' ? 'B' : 'A';
        Assert.Null(fernet!.TryDecrypt(new string(bytes)));
        Assert.True(Fernet.TryCreate(Convert.ToBase64String(new byte[32]).Replace('+', '-').Replace('/', '_'), out var other));
        Assert.Null(other!.TryDecrypt(SpecToken));
        Assert.Null(fernet.TryDecrypt("not a token"));
        Assert.Null(fernet.TryDecrypt(""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("curta")]
    [InlineData("AAAA")]
    public void Keys_that_are_not_32_bytes_of_urlsafe_base64_are_rejected(string key) =>
        Assert.False(Fernet.TryCreate(key, out _));
}
