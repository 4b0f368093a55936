namespace Portal.Platform.Identity;

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>The password is correct but the stored hash is outdated; store <c>Hash(password)</c>.</summary>
    SuccessRehashNeeded,
}
