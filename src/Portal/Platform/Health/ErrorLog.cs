using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Platform.Configuration;

namespace Portal.Platform.Health;

/// <summary>One error of error-*.log: the request id is the code users see on the 500 page.</summary>
public sealed record ErrorEntry(DateTime At, string RequestId, string? Path, string Kind, string Message);

/// <summary>
/// Reads error-*.log (operations.md §6.2 "recent errors with their request ids", §6.3 "Erro 500"). An unhandled
/// exception leaves two lines with the same request id — the exception (its type on the next line) and the request
/// summary "HTTP GET /x → 500" — merged here into one entry.
/// </summary>
public sealed partial class ErrorLog(PortalPaths paths)
{
    public async Task<IReadOnlyList<ErrorEntry>> RecentAsync(DateTime sinceUtc, int max, CancellationToken ct)
    {
        var entries = new List<ErrorEntry>();
        if (!Directory.Exists(paths.LogsPath)) return entries;
        foreach (var file in Directory.EnumerateFiles(paths.LogsPath, "error*.log").Where(f => File.GetLastWriteTimeUtc(f) >= sinceUtc).Order(StringComparer.Ordinal))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var head = Head().Match(line);
                if (!head.Success)
                {
                    // Stack trace lines: the first one names the exception class of the entry above.
                    if (entries.Count > 0 && ExceptionType().Match(line) is { Success: true } type && entries[^1].Kind.Length == 0)
                        entries[^1] = entries[^1] with { Kind = type.Groups[1].Value };
                    continue;
                }
                var at = DateTime.ParseExact(head.Groups["at"].Value, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                if (at < sinceUtc) continue;
                var message = head.Groups["rest"].Value;
                var request = RequestLine().Match(message);
                var id = head.Groups["id"].Value;
                var previous = entries.FindLastIndex(e => e.RequestId == id && id.Length > 0 && id != "-");
                if (request.Success && previous >= 0)
                {
                    entries[previous] = entries[previous] with { Path = request.Groups[1].Value };
                    continue;
                }
                entries.Add(new ErrorEntry(at, id, request.Success ? request.Groups[1].Value : null, "",
                    message.Length > 300 ? message[..300] + "…" : message));
            }
        }
        return [.. entries.Select(e => e.Kind.Length > 0 ? e : e with { Kind = SourceOf(e.Message) }).TakeLast(max).Reverse()];
    }

    private static string SourceOf(string message)
    {
        var last = message.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return last.Contains('.', StringComparison.Ordinal) ? last[(last.LastIndexOf('.') + 1)..] : "Erro";
    }

    [GeneratedRegex(@"^(?<at>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) \[(?:ERR|FTL)\] (?<id>\S*) (?<rest>.*)$")]
    private static partial Regex Head();

    [GeneratedRegex(@"^HTTP [A-Z]+ (\S+) → ")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"^([A-Za-z_][\w.]*(?:Exception|Error))(?::|$)")]
    private static partial Regex ExceptionType();
}
