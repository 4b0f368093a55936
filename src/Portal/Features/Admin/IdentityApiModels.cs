using System.Text.Json.Serialization;

namespace Portal.Features.Admin;

/// <summary>
/// A user as the API shows it (identity.md §11). Holders of <c>tasks.access</c> without <c>users.admin</c> get only
/// id, username and full name; the other fields are then omitted rather than sent empty.
/// </summary>
public sealed record UserResponse(
    long Id, string Username, string FullName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsActive = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? SectorIds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? RoleIds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version = null);

/// <summary>POST /api/v1/users. The temporary password must be changed at first login.</summary>
public sealed record CreateUserRequest(
    string? Email, string? Username, string? FullName, IReadOnlyList<long>? SectorIds, IReadOnlyList<long>? RoleIds,
    string? TemporaryPassword);

/// <summary>PATCH /api/v1/users/{id}: only the fields present change. Documents the body parsed by <see cref="UserPatch"/>.</summary>
public sealed record UpdateUserRequest(
    string? Email, string? Username, string? FullName, bool? IsActive, IReadOnlyList<long>? SectorIds, IReadOnlyList<long>? RoleIds,
    int? Version);

public sealed record MemberResponse(long Id, string Username, string FullName);

public sealed record SectorResponse(long Id, string Name, string? Color, bool HasTaskBoard, bool IsActive);

public sealed record RoleResponse(long Id, string Name, string? Description, bool IsAdministrator, IReadOnlyList<string> Permissions);
