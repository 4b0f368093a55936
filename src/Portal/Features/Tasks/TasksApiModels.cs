using System.Text.Json.Serialization;

namespace Portal.Features.Tasks;

// The shapes of /api/v1/tasks (tasks.md §9). Enums are written as the spec's English codes (api.md §2 "Enums"); the
// converters sit on the properties so the rest of the application's JSON is untouched.

public sealed record TaskPersonRef(long Id, string FullName);

public sealed record TaskSectorRef(long Id, string Name);

public sealed record TaskClientRef(long Id, string Code, string Name);

/// <summary>One row of GET /api/v1/tasks: what a list or board needs, read in one query.</summary>
public sealed record TaskSummaryResponse(
    long Id, string Title,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskItemStatus>))] TaskItemStatus Status,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskPriority>))] TaskPriority Priority,
    DateOnly? DueDate, bool IsPrivate, TaskSectorRef? Sector, long? ParentId, TaskClientRef? Client,
    TaskPersonRef Creator, TaskPersonRef? Assignee, DateTime? CompletedAt, DateTime CreatedAt, DateTime? UpdatedAt,
    bool HasChildren, int CommentCount, int AttachmentCount, int Version);

/// <summary>GET /api/v1/tasks/{id}; <see cref="Progress"/> is the % of direct subtasks done, null without subtasks.</summary>
public sealed record TaskResponse(
    long Id, string Title, string? Description,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskItemStatus>))] TaskItemStatus Status,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskPriority>))] TaskPriority Priority,
    DateOnly? DueDate, bool IsPrivate, TaskSectorRef? Sector, long? ParentId, TaskClientRef? Client,
    TaskPersonRef Creator, TaskPersonRef? Assignee, DateTime? StartedAt, DateTime? CompletedAt, TaskPersonRef? CompletedBy,
    IReadOnlyList<TaskFollowerResponse> Followers, IReadOnlyList<TaskAttachmentResponse> Attachments,
    bool HasChildren, int? Progress, DateTime CreatedAt, DateTime? UpdatedAt, int Version);

public sealed record TaskFollowerResponse(long UserId, string FullName, string Username);

public sealed record TaskAttachmentResponse(Guid Id, string Name, string ContentType, long Size, string Url);

/// <summary>One history row; <see cref="Kind"/> is a <see cref="TaskHistoryKind"/> name, values are display texts.</summary>
public sealed record TaskHistoryResponse(DateTime At, TaskPersonRef? By, string Kind, string? Field, string? OldValue, string? NewValue);

/// <summary>A removed comment keeps its place with <c>body</c> null and who removed it.</summary>
public sealed record TaskCommentResponse(long Id, TaskPersonRef Author, string? Body, DateTime CreatedAt, DateTime? DeletedAt, TaskPersonRef? DeletedBy);

// Request bodies. They document the OpenAPI contract; the handlers read the JSON themselves (TaskJsonBody) so a
// wrong type, an unknown enum code or malformed JSON becomes a 400 naming the field instead of a bare binding error.

/// <summary>POST /api/v1/tasks. <c>sectorId</c> is required unless <c>isPrivate</c>; subtasks inherit the parent's.</summary>
public sealed record CreateTaskRequest(
    string Title, long? SectorId = null, string? Description = null, long? AssigneeId = null, long? ClientId = null, long? ParentId = null,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskPriority>))] TaskPriority? Priority = null,
    DateOnly? DueDate = null, bool? IsPrivate = null, IReadOnlyList<long>? FollowerIds = null);

/// <summary>PATCH /api/v1/tasks/{id}: only the fields sent change; null clears the nullable ones. No status here.</summary>
public sealed record UpdateTaskRequest(
    string? Title = null, string? Description = null,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskPriority>))] TaskPriority? Priority = null,
    DateOnly? DueDate = null, long? ClientId = null, long? AssigneeId = null, int? Version = null);

/// <summary>POST /api/v1/tasks/{id}/status; <c>expectedStatus</c> is the status the caller saw (409 when it changed).</summary>
public sealed record ChangeTaskStatusRequest(
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskItemStatus>))] TaskItemStatus Status,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskItemStatus>))] TaskItemStatus? ExpectedStatus = null);

/// <summary>POST /api/v1/tasks/{id}/transfer; without <c>sectorId</c> the sector stays, without <c>assigneeId</c> the
/// current assignee stays if a member of the target sector.</summary>
public sealed record TransferTaskRequest(long? SectorId = null, long? AssigneeId = null);

public sealed record AddFollowerRequest(long UserId);

public sealed record AddCommentRequest(string Body);

/// <summary>Multipart form of POST /api/v1/tasks/{id}/attachments.</summary>
public sealed record AddAttachmentForm(IFormFile File);
