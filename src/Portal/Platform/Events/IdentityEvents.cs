namespace Portal.Platform.Events;

/// <summary>
/// Google sign-in created an account for an unknown person (identity.md §6 step 4). Holders of <c>users.admin</c>
/// are to receive the notification <c>user.created_by_google</c> "Nova conta criada pelo login Google: &lt;nome&gt;".
/// </summary>
public sealed record UserCreatedByGoogle(long UserId, string FullName);
