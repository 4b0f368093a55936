using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Platform.Identity;

/// <summary>
/// Verifies hashes written by Werkzeug's generate_password_hash (the previous Flask system), so
/// migrated users can log in once and be rehashed: "scrypt:N:r:p$salt$hex" and
/// "pbkdf2:hash:iterations$salt$hex".
/// </summary>
internal static class WerkzeugHash
{
    // Stored hashes come from our own database, but a corrupted or tampered row must not be able
    // to make a login allocate gigabytes or spin for minutes.
    private const int MaxScryptN = 1 << 20;
    private const int MaxScryptR = 32;
    private const int MaxScryptP = 16;
    private const long MaxScryptMemoryBytes = 1L << 30;
    private const int MaxPbkdf2Iterations = 10_000_000;

    // Werkzeug's scrypt output length (hashlib.scrypt's default dklen).
    private const int ScryptKeyLength = 64;

    // Identity hashes are Base64, which never contains ':' or '$', so the prefix is decisive.
    public static bool IsWerkzeugFormat(string storedHash) =>
        HasMethod(storedHash, "scrypt") || HasMethod(storedHash, "pbkdf2");

    public static bool Verify(string storedHash, string password)
    {
        try
        {
            return VerifyCore(storedHash, password);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // A hash we cannot evaluate is a failed login, not a server error.
            return false;
        }
    }

    private static bool VerifyCore(string storedHash, string password)
    {
        // Same split as Werkzeug: method$salt$hash, where only the first two '$' separate.
        var parts = storedHash.Split('$', 3);
        if (parts.Length != 3 || !TryDecodeLowerHex(parts[2], out var expected))
        {
            return false;
        }

        var method = parts[0].Split(':');
        var salt = Encoding.UTF8.GetBytes(parts[1]);
        var secret = Encoding.UTF8.GetBytes(password);
        try
        {
            var actual = method[0] switch
            {
                "scrypt" => DeriveScrypt(method, secret, salt),
                "pbkdf2" => DerivePbkdf2(method, secret, salt),
                _ => null,
            };

            return actual is not null
                && actual.Length == expected.Length
                && CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static byte[]? DeriveScrypt(string[] method, byte[] password, byte[] salt)
    {
        int n, r, p;
        if (method.Length == 1)
        {
            // Werkzeug's check_password_hash falls back to these fixed defaults (unchanged since
            // scrypt support was added in 2.3), so the bare form is unambiguous.
            (n, r, p) = (1 << 15, 8, 1);
        }
        else if (method.Length != 4
            || !TryParsePositive(method[1], out n)
            || !TryParsePositive(method[2], out r)
            || !TryParsePositive(method[3], out p))
        {
            return null;
        }

        if (n < 2 || n > MaxScryptN || !BitOperations.IsPow2(n)
            || r > MaxScryptR || p > MaxScryptP
            || 128L * r * n > MaxScryptMemoryBytes)
        {
            return null;
        }

        return Scrypt.DeriveKey(password, salt, n, r, p, ScryptKeyLength);
    }

    private static byte[]? DerivePbkdf2(string[] method, byte[] password, byte[] salt)
    {
        // Without an explicit count Werkzeug uses its current default, which changed between
        // releases (600,000 in 2.3/3.0, 1,000,000 in 3.1); guessing could lock users out silently.
        if (method.Length != 3
            || !TryParsePositive(method[2], out var iterations)
            || iterations > MaxPbkdf2Iterations)
        {
            return null;
        }

        HashAlgorithmName? algorithm = method[1] switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "sha384" => HashAlgorithmName.SHA384,
            "sha512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (algorithm is not { } name)
        {
            return null;
        }

        // hashlib.pbkdf2_hmac's default output length is the digest size.
        var length = name == HashAlgorithmName.SHA1 ? 20
            : name == HashAlgorithmName.SHA256 ? 32
            : name == HashAlgorithmName.SHA384 ? 48
            : 64;
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, name, length);
    }

    private static bool HasMethod(string storedHash, string method) =>
        storedHash.Length > method.Length
        && storedHash.StartsWith(method, StringComparison.Ordinal)
        && storedHash[method.Length] is ':' or '$';

    private static bool TryParsePositive(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result > 0;

    // Werkzeug compares the lower-case hex strings, so upper-case digits never matched there.
    private static bool TryDecodeLowerHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}
