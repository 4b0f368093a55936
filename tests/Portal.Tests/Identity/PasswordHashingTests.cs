using System.Buffers.Binary;
using Portal.Platform.Identity;
using Xunit;

namespace Portal.Tests.Identity;

public class PasswordHashingTests
{
    private const string Password = "correct horse battery staple";

    // Produced by Werkzeug 3.1.8 generate_password_hash and checked with its check_password_hash.
    private const string LegacyPassword = "senha-antiga-do-flask";
    private const string LegacyUnicodePassword = "Coração de São Paulo ü 🔑";

    private readonly PasswordHashing _hashing = new();

    [Fact]
    public void Hash_IDN12_IsIdentityV3WithHmacSha512And210kIterations()
    {
        var header = Convert.FromBase64String(_hashing.Hash(Password));

        Assert.Equal(0x01, header[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(9))); // salt length
        Assert.Equal(1 + 12 + 16 + 32, header.Length);
    }

    [Fact]
    public void Hash_IsSaltedPerCall()
    {
        Assert.NotEqual(_hashing.Hash(Password), _hashing.Hash(Password));
    }

    [Fact]
    public void Verify_RoundTrip_Succeeds()
    {
        Assert.Equal(PasswordCheck.Success, _hashing.Verify(_hashing.Hash(Password), Password));
    }

    [Fact]
    public void Verify_WrongPassword_Fails()
    {
        var hash = _hashing.Hash(Password);

        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(hash, "correct horse battery stapler"));
        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(hash, Password.ToUpperInvariant()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_MissingStoredHash_Fails(string? storedHash)
    {
        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(storedHash, Password));
    }

    [Theory]
    // V3, HMAC-SHA512, 100,000 iterations (the pre-210k default).
    [InlineData("AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg+HNphercic/uMU10oVOJcFooxzoeSLoVHx/CnyVEI1LA==")]
    // V3, HMAC-SHA256, 210,000 iterations.
    [InlineData("AQAAAAEAAzRQAAAAEAABAgMEBQYHCAkKCwwNDg8YRlyt4JbBhbX2B2WJH8o/dEd+I/2bb8iPr3gxqRdTrA==")]
    public void Verify_WeakerIdentityHash_NeedsRehash(string storedHash)
    {
        Assert.Equal(PasswordCheck.SuccessRehashNeeded, _hashing.Verify(storedHash, Password));
        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(storedHash, "wrong password"));
    }

    [Theory]
    [InlineData("scrypt:32768:8:1$p6e98Xn8Bh70Ld0I$2d3ee1de59f164120c11731cb24db003f5be86d4b07d457036d699fbb96acf06868a5224100f75f59f9bc9f0a7a987e6bfbeb17972d44936d464fd2aea8f0b65", LegacyPassword)]
    [InlineData("scrypt:32768:8:1$0yOmRVmMbNdzNl3q$9ce56a6241085bad568a76fdb84528229dbefc4bd8f31bf8f408369861e328678e774cae118cc88adcc188b8b54df9a026f9eac8abc36be1e98e8fd9f9f3e12c", LegacyUnicodePassword)]
    [InlineData("scrypt:16384:8:2$j2BeUqDmV28Tn386$a8e8e66626d30dc7e1413b1e5074f15aae92f35ec2dbaacce298c35a3afda55dc03b4aab9687f52b0ce186687091b72bf529608c14481477e17ce6fb118e0e03", LegacyPassword)]
    [InlineData("scrypt$fFI3KhFzrjm5LyvL$3219b81a028459c4be487b2ccbf71abe696b555aa5b3cb897e7d069d695ae6284913f87bbc25b9d5fd172cbf60580ab954c094502136cc32f57a2451c8338de5", LegacyPassword)]
    [InlineData("pbkdf2:sha256:600000$1ogFGfEixPyQpMpR$c7c2db923852d23210a360fc2e2ad228dbf3a0d3274b247b3b2a4fd81c2fc92a", LegacyPassword)]
    [InlineData("pbkdf2:sha256:260000$uNhrobkdWchhWwub$6cf342863671b0a75c535460156f9938e3235693117c7c9a708cd1db26b6f367", LegacyPassword)]
    [InlineData("pbkdf2:sha512:25000$Io8phkTtNvdZ4Gch$29518c0c8750079c4d392d482b9c46c552eb7b13d40bc32d4afd032defa4b2a5a0d1cb62b0adfa6871557672d4c8d213c938f85095ad4127dcb6cae224409b50", LegacyPassword)]
    [InlineData("pbkdf2:sha1:1000$MhjGyyp1rO761UV3$6b51a6135af351b73a3120a5d67fae177a45e48d", LegacyPassword)]
    public void Verify_WerkzeugHash_SucceedsAndNeedsRehash(string storedHash, string password)
    {
        Assert.True(_hashing.IsLegacy(storedHash));
        Assert.Equal(PasswordCheck.SuccessRehashNeeded, _hashing.Verify(storedHash, password));
        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(storedHash, password + "x"));
    }

    [Fact]
    public void Verify_WerkzeugHash_IsCaseSensitive()
    {
        const string hash = "pbkdf2:sha1:1000$MhjGyyp1rO761UV3$6b51a6135af351b73a3120a5d67fae177a45e48d";

        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(hash, LegacyPassword.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("scrypt")]
    [InlineData("scrypt:")]
    [InlineData("scrypt:32768:8:1")]
    [InlineData("scrypt:32768:8:1$salt")]
    [InlineData("scrypt:32768:8:1$salt$")]
    [InlineData("scrypt:32768:8:1$salt$zz")]
    [InlineData("scrypt:32768:8:1$salt$abc")]
    [InlineData("scrypt:32768:8$salt$00")]
    [InlineData("scrypt:32768:8:1:1$salt$00")]
    [InlineData("scrypt:abc:8:1$salt$00")]
    [InlineData("scrypt:-32768:8:1$salt$00")]
    [InlineData("scrypt:30000:8:1$salt$00")]
    [InlineData("scrypt:1:8:1$salt$00")]
    [InlineData("scrypt:0:8:1$salt$00")]
    [InlineData("scrypt:2097152:8:1$salt$00")]
    [InlineData("scrypt:32768:0:1$salt$00")]
    [InlineData("scrypt:32768:8:0$salt$00")]
    [InlineData("scrypt:32768:1000:1$salt$00")]
    [InlineData("scrypt:32768:8:1000$salt$00")]
    [InlineData("scrypt:99999999999999999999:8:1$salt$00")]
    [InlineData("pbkdf2$salt$00")]
    [InlineData("pbkdf2:sha256$salt$00")]
    [InlineData("pbkdf2:md5:1000$salt$00")]
    [InlineData("pbkdf2:sha256:0$salt$00")]
    [InlineData("pbkdf2:sha256:-1$salt$00")]
    [InlineData("pbkdf2:sha256:99999999999$salt$00")]
    [InlineData("pbkdf2:sha256:1000:1$salt$00")]
    [InlineData("pbkdf2:sha1:1000$MhjGyyp1rO761UV3$6B51A6135AF351B73A3120A5D67FAE177A45E48D")]
    [InlineData("pbkdf2:sha1:1000$MhjGyyp1rO761UV3$6b51a6135af351b73a3120a5d67fae177a45e4")]
    [InlineData("pbkdf2:sha1:1000$MhjGyyp1rO761UV3$6b51a6135af351b73a3120a5d67fae177a45e48d00")]
    public void Verify_MalformedLegacyHash_FailsWithoutThrowing(string storedHash)
    {
        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(storedHash, LegacyPassword));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AQ==")]
    [InlineData("AAAA")]
    [InlineData("$$$")]
    public void Verify_MalformedIdentityHash_FailsWithoutThrowing(string storedHash)
    {
        Assert.Equal(PasswordCheck.Failed, _hashing.Verify(storedHash, Password));
    }

    [Theory]
    [InlineData("scrypt:32768:8:1$a$b", true)]
    [InlineData("scrypt$a$b", true)]
    [InlineData("pbkdf2:sha256:600000$a$b", true)]
    [InlineData("AQAAAAIAAzRQAAAAEPjyAoZ9ThzORJAq6DaxCTqxCIAvUC7d+lvpmM0dIVRS0QNNz8KQjOLHOQRnOuwUPg==", false)]
    [InlineData("scryptfoo", false)]
    [InlineData("", false)]
    public void IsLegacy_RecognisesWerkzeugPrefixes(string storedHash, bool expected)
    {
        Assert.Equal(expected, _hashing.IsLegacy(storedHash));
    }

    [Fact]
    public void DummyHash_UsesCurrentParameters()
    {
        var header = Convert.FromBase64String(PasswordHashing.DummyHash);

        Assert.Equal(0x01, header[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1)));
        Assert.Equal((uint)PasswordHashing.Iterations, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)));
    }

    [Fact]
    public void VerifyDummy_DoesNotThrow()
    {
        var exception = Record.Exception(() => _hashing.VerifyDummy(Password));

        Assert.Null(exception);
    }
}
