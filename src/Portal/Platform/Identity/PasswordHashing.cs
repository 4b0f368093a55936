using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portal.Platform.Identity;

/// <summary>
/// Hashes with ASP.NET Core Identity V3 (PBKDF2-HMAC-SHA512) and still accepts the Werkzeug hashes
/// imported from the previous system, flagging them for rehash on the next successful login.
/// </summary>
public sealed class PasswordHashing
{
    /// <summary>OWASP's PBKDF2-HMAC-SHA512 recommendation.</summary>
    public const int Iterations = 210_000;

    // Identity V3 hash of a random, discarded password with the current parameters; verifying
    // against it costs the same as a real verification. A test keeps it in sync with Iterations.
    internal const string DummyHash =
        "AQAAAAIAAzRQAAAAEPjyAoZ9ThzORJAq6DaxCTqxCIAvUC7d+lvpmM0dIVRS0QNNz8KQjOLHOQRnOuwUPg==";

    // PasswordHasher ignores the user instance; the type argument only satisfies its signature.
    private static readonly NoUser User = new();

    private readonly PasswordHasher<NoUser> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _hasher.HashPassword(User, password);
    }

    public PasswordCheck Verify(string? storedHash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);

        if (string.IsNullOrEmpty(storedHash))
        {
            // Accounts without a password must not answer faster than accounts with one.
            VerifyDummy(password);
            return PasswordCheck.Failed;
        }

        if (IsLegacy(storedHash))
        {
            return WerkzeugHash.Verify(storedHash, password) ? PasswordCheck.SuccessRehashNeeded : PasswordCheck.Failed;
        }

        PasswordVerificationResult result;
        try
        {
            result = _hasher.VerifyHashedPassword(User, storedHash, password);
        }
        catch (FormatException)
        {
            // PasswordHasher decodes Base64 without a try; a corrupted row is just a failed login.
            return PasswordCheck.Failed;
        }

        return result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
    }

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the injected service's API.")]
    public bool IsLegacy(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return WerkzeugHash.IsWerkzeugFormat(storedHash);
    }

    /// <summary>Spends one real verification so unknown e-mails cannot be told apart by timing.</summary>
    public void VerifyDummy(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        _ = _hasher.VerifyHashedPassword(User, DummyHash, password);
    }

    private sealed class NoUser;
}
