namespace Portal.Platform.Api;

/// <summary>{items, page, pageSize, total} (api.md §2); pageSize is clamped, never silently truncated.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Pages beyond this are empty anyway; the cap keeps Skip from overflowing.</summary>
    public const int MaxPage = 1_000_000;

    public static PageRequest From(int? page, int? pageSize, int max = MaxSize) =>
        new(Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? DefaultSize, 1, max));
}
