namespace Portal.Platform.Api;

/// <summary>{items, page, pageSize, total} (api.md §2); pageSize is clamped, never silently truncated.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public int Skip => (Page - 1) * PageSize;

    public static PageRequest From(int? page, int? pageSize, int max = MaxSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultSize, 1, max));
}
