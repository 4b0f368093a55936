using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Platform.Web;

/// <summary>Page position for the pagination partial; builds links that keep the other query values.</summary>
public sealed class PageInfo(int page, int pageSize, int totalCount, HttpRequest request)
{
    public int Page { get; } = page;
    public int PageSize { get; } = pageSize;
    public int TotalCount { get; } = totalCount;
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public int FirstItem => TotalCount == 0 ? 0 : (Page - 1) * PageSize + 1;
    public int LastItem => Math.Min(TotalCount, Page * PageSize);

    public static int Clamp(int? page) => Math.Max(1, page ?? 1);

    public string Link(int page)
    {
        var query = request.Query.Where(q => q.Key != "page").ToDictionary(q => q.Key, q => q.Value);
        query["page"] = Math.Clamp(page, 1, PageCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(request.Path, query);
    }

    /// <summary>Page numbers around the current one; 0 marks a gap.</summary>
    public IEnumerable<int> Window()
    {
        var pages = new SortedSet<int> { 1, PageCount };
        for (var p = Math.Max(1, Page - 2); p <= Math.Min(PageCount, Page + 2); p++) pages.Add(p);
        var last = 0;
        foreach (var p in pages)
        {
            if (last != 0 && p > last + 1) yield return 0;
            yield return p;
            last = p;
        }
    }
}
