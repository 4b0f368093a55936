// SSE load tool (issue 5, NTF-06): opens N concurrent /api/v1/events/stream streams for many users of a running portal,
// holds them, raises events and reports delivery latency and the server's memory. See bench/README.md and bench/sse.sh.
//
//   dotnet run -c Release --project bench/SseLoad -- --url http://127.0.0.1:5000 --admin admin@demo.portal.local
//     --password '...' [--streams 2000] [--per-user 5] [--events 100] [--interval-ms 200] [--hold 10] [--pid 1234]
//
// Users "bench-<run>-<n>" are created through the API in one sector (all of them members), so every event is a task
// created in that sector: task.created reaches every stream ("to all") and the task's assignee, a random bench user,
// also gets a `notification` ("to random users"). Latency = arrival on a stream − the moment the POST was sent.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.RegularExpressions;

var opt = Options.Parse(args);
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { BaseAddress = new Uri(opt.Url), Timeout = Timeout.InfiniteTimeSpan };
var clock = Stopwatch.StartNew();
double Now() => clock.Elapsed.TotalMilliseconds;

var adminToken = await LoginAsync(opt.Admin, opt.Password, "10.200.0.1");
var sector = await FirstIdAsync("/api/v1/sectors", adminToken, null);
var role = await FirstIdAsync("/api/v1/roles", adminToken, "Colaborador");
var userCount = (opt.Streams + opt.PerUser - 1) / opt.PerUser;
var run = Guid.NewGuid().ToString("N")[..6];
var password = "bench senha longa " + run;
Console.WriteLine($"[sse] {opt.Url}: {opt.Streams} streams for {userCount} users ({opt.PerUser} each), sector {sector}, run {run}");

var users = new ConcurrentBag<(long Id, string Token)>();
await Parallel.ForEachAsync(Enumerable.Range(1, userCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
{
    var body = new { email = $"bench-{run}-{n}@bench.local", username = $"bench{run}{n}", fullName = $"Bench {run} {n}",
        sectorIds = new[] { sector }, roleIds = new[] { role }, temporaryPassword = password };
    using var create = Request(HttpMethod.Post, "/api/v1/users", adminToken, JsonContent.Create(body));
    using var created = await http.SendAsync(create, ct);
    if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"create user: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(ct)}");
    var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
    users.Add((id, await LoginAsync(body.email, password, $"10.{201 + n / 60000}.{n / 250 % 240}.{n % 250 + 1}")));
});
var people = users.ToList();
Console.WriteLine($"[sse] {people.Count} users created and signed in at {Now() / 1000:F1} s; server RSS {Rss(opt.Pid)}");

var broadcast = new ConcurrentQueue<(long TaskId, double At)>();
var personal = new ConcurrentQueue<(long TaskId, double At)>();
var ready = new CountdownEvent(opt.Streams);
var failures = 0;
using var stop = new CancellationTokenSource();
var streams = new List<Task>();
for (var i = 0; i < opt.Streams; i++)
{
    var (_, token) = people[i / opt.PerUser];
    streams.Add(Task.Run(() => HoldAsync(token, stop.Token)));
    if (i % 100 == 99) await Task.Delay(50); // opening 2,000 at once would look like a flood, not like browsers
}
if (!ready.Wait(TimeSpan.FromSeconds(120))) Console.WriteLine($"[sse] only {opt.Streams - ready.CurrentCount} streams ready after 120 s");
Console.WriteLine($"[sse] {opt.Streams - ready.CurrentCount} streams open, {failures} failed; server RSS {Rss(opt.Pid)}");

var sent = new ConcurrentDictionary<long, double>();
var random = new Random(42);
for (var e = 0; e < opt.Events; e++)
{
    var assignee = people[random.Next(people.Count)].Id;
    var before = Now();
    using var request = Request(HttpMethod.Post, "/api/v1/tasks", adminToken,
        JsonContent.Create(new { title = $"Carga SSE {run} #{e + 1}", sectorId = sector, assigneeId = assignee }));
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create task: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    sent[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64()] = before;
    await Task.Delay(opt.IntervalMs);
}
Console.WriteLine($"[sse] {opt.Events} events raised; holding {opt.Hold} s; server RSS {Rss(opt.Pid)}");
await Task.Delay(TimeSpan.FromSeconds(opt.Hold));
var rssEnd = Rss(opt.Pid);
await stop.CancelAsync();
try { await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }

Report("to all (task.created on every stream)", broadcast, sent, (long)opt.Events * opt.Streams);
Report("to a random user (notification on the assignee's streams)", personal, sent, (long)opt.Events * opt.PerUser);
Console.WriteLine($"[sse] server RSS at the end: {rssEnd}; stream failures: {failures}");
Console.WriteLine($"[sse] bench users stay in the database (bench-{run}-*); run against a throw-away data folder (bench/sse.sh does).");
return 0;

async Task HoldAsync(string token, CancellationToken ct)
{
    var signalled = false;
    try
    {
        using var request = Request(HttpMethod.Get, "/api/v1/events/stream", token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(ct))
        {
            var at = Now();
            switch (item.EventType)
            {
                case "ready" when !signalled:
                    signalled = true;
                    ready.Signal();
                    break;
                case "task.created":
                    broadcast.Enqueue((JsonDocument.Parse(item.Data).RootElement.GetProperty("taskId").GetInt64(), at));
                    break;
                case "notification":
                    var link = JsonDocument.Parse(item.Data).RootElement.GetProperty("link").GetString() ?? "";
                    // "/tarefas/setor/3?destaque=123" (board link) or "/tarefas/123#conversa".
                    if (Regex.Match(link, @"destaque=(\d+)|/tarefas/(\d+)") is { Success: true } m)
                        personal.Enqueue((long.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value), at));
                    break;
            }
        }
    }
    catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    catch (Exception ex)
    {
        if (Interlocked.Increment(ref failures) <= 3) Console.WriteLine($"[sse] stream failed: {ex.GetType().Name}: {ex.Message}");
    }
    finally
    {
        if (!signalled) ready.Signal();
    }
}

HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
{
    var request = new HttpRequestMessage(method, path) { Content = content };
    if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return request;
}

async Task<string> LoginAsync(string email, string pwd, string ip)
{
    using var request = Request(HttpMethod.Post, "/api/v1/auth/login", null, JsonContent.Create(new { email, password = pwd }));
    request.Headers.Add("X-Forwarded-For", ip); // the login limit is per client IP; loopback is a trusted proxy
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"login {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
}

async Task<long> FirstIdAsync(string path, string token, string? name)
{
    using var request = Request(HttpMethod.Get, path, token);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    var json = await response.Content.ReadFromJsonAsync<JsonElement>();
    var items = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("items");
    foreach (var item in items.EnumerateArray())
        if (name is null || item.GetProperty("name").GetString() == name) return item.GetProperty("id").GetInt64();
    throw new InvalidOperationException($"{path}: nothing named {name ?? "(any)"}");
}

static string Rss(int? pid)
{
    if (pid is null) return "(pass --pid)";
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? "?" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024} MB";
}

static void Report(string what, ConcurrentQueue<(long TaskId, double At)> arrivals, ConcurrentDictionary<long, double> sent, long expected)
{
    var latencies = arrivals.Where(a => sent.ContainsKey(a.TaskId)).Select(a => a.At - sent[a.TaskId]).Order().ToList();
    string P(double q) => latencies.Count == 0 ? "-" : $"{latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)]:F0} ms";
    Console.WriteLine($"[sse] {what}: {latencies.Count}/{expected} deliveries, p50 {P(0.50)}, p95 {P(0.95)}, p99 {P(0.99)}, max {P(1.0)}");
}

sealed record Options(string Url, string Admin, string Password, int Streams, int PerUser, int Events, int IntervalMs, int Hold, int? Pid)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v) : fallback;
        var perUser = Int("--per-user", 5);
        if (perUser is < 1 or > 6) throw new ArgumentException("--per-user: 1 a 6 (limite de fluxos por usuário)");
        return new Options(Get("--url") ?? "http://127.0.0.1:5000", Get("--admin") ?? "admin@demo.portal.local",
            Get("--password") ?? throw new ArgumentException("--password is required"), Int("--streams", 2000), perUser,
            Int("--events", 100), Int("--interval-ms", 200), Int("--hold", 10), Get("--pid") is { } p ? int.Parse(p) : null);
    }
}
