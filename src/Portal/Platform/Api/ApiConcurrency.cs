namespace Portal.Platform.Api;

/// <summary>ETag / If-Match over the entity Version (platform.md §2, api.md §2).</summary>
public static class ApiConcurrency
{
    public static string ETag(int version) => $"\"{version}\"";

    public static void SetETag(HttpContext http, int version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>The version the client based its change on: If-Match, else a body "version"; null when missing.</summary>
    public static int? ExpectedVersion(HttpContext http, int? bodyVersion = null)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        header = header.Trim('"');
        return int.TryParse(header, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : bodyVersion;
    }
}
