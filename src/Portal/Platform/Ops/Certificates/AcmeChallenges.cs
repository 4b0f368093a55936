using System.Collections.Concurrent;

namespace Portal.Platform.Ops.Certificates;

/// <summary>HTTP-01 tokens of the order in progress (in memory: an order lives minutes, in this process only).</summary>
public sealed class AcmeChallenges
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public void Add(string token, string keyAuthorization) => _tokens[token] = keyAuthorization;

    public void Remove(string token) => _tokens.TryRemove(token, out _);

    public string? Find(string token) => _tokens.TryGetValue(token, out var value) ? value : null;
}
