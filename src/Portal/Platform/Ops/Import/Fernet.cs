using System.Security.Cryptography;
using System.Text;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// Fernet tokens of the original portal (Python `cryptography`), decrypted with .NET's own primitives
/// (operations.md §9.2): key = URL-safe base64 of 32 bytes (16 signing + 16 AES-128); token = 0x80 | timestamp(8) |
/// IV(16) | AES-128-CBC/PKCS#7 ciphertext | HMAC-SHA256(32) over everything before it. The HMAC is checked first so a
/// tampered or foreign token never reaches the cipher; the timestamp is ignored (old secrets never "expire").
/// </summary>
public sealed class Fernet
{
    private const byte VersionByte = 0x80;
    private const int HeaderLength = 1 + 8 + 16;
    private const int MacLength = 32;

    private readonly byte[] _signingKey;
    private readonly byte[] _encryptionKey;

    private Fernet(byte[] key)
    {
        _signingKey = key[..16];
        _encryptionKey = key[16..];
    }

    public static bool TryCreate(string? key, out Fernet? fernet)
    {
        fernet = null;
        if (!TryDecodeUrlSafe(key?.Trim(), out var bytes) || bytes.Length != 32) return false;
        fernet = new Fernet(bytes);
        return true;
    }

    /// <summary>Plaintext of a token, or null when the token is malformed, signed with another key or not decryptable.</summary>
    public string? TryDecrypt(string? token)
    {
        if (!TryDecodeUrlSafe(token?.Trim(), out var data)
            || data.Length < HeaderLength + 16 + MacLength
            || data[0] != VersionByte
            || (data.Length - HeaderLength - MacLength) % 16 != 0)
        {
            return null;
        }

        var signed = data.AsSpan(0, data.Length - MacLength);
        var mac = HMACSHA256.HashData(_signingKey, signed);
        if (!CryptographicOperations.FixedTimeEquals(mac, data.AsSpan(data.Length - MacLength))) return null;

        try
        {
            using var aes = Aes.Create();
            aes.Key = _encryptionKey;
            var plain = aes.DecryptCbc(data.AsSpan(HeaderLength, data.Length - HeaderLength - MacLength), data.AsSpan(9, 16), PaddingMode.PKCS7);
            return Encoding.UTF8.GetString(plain);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Produces a token the original would accept (used by tests and by nobody else).</summary>
    public string Encrypt(string plaintext, DateTimeOffset? at = null, byte[]? iv = null)
    {
        iv ??= RandomNumberGenerator.GetBytes(16);
        using var aes = Aes.Create();
        aes.Key = _encryptionKey;
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        var body = new byte[HeaderLength + cipher.Length];
        body[0] = VersionByte;
        var seconds = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        for (var i = 0; i < 8; i++) body[8 - i] = (byte)(seconds >> (8 * i));
        iv.CopyTo(body, 9);
        cipher.CopyTo(body, HeaderLength);
        var mac = HMACSHA256.HashData(_signingKey, body);
        return Convert.ToBase64String([.. body, .. mac]).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A token is recognisable without the key: URL-safe base64 starting with the version byte ("gAAAAA").</summary>
    public static bool LooksLikeToken(string? value) =>
        value is { Length: >= 100 } && value.StartsWith("gAAAAA", StringComparison.Ordinal) && TryDecodeUrlSafe(value, out _);

    private static bool TryDecodeUrlSafe(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text)) return false;
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '=');
        try
        {
            bytes = Convert.FromBase64String(standard);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
