using System.Text.Json;
using StackExchange.Redis;

namespace Portal.Platform.Realtime;

/// <summary>
/// The backplane of several instances (notifications.md §5, NTF-18): every message goes to this instance's receivers
/// at once and to the others through one Redis pub/sub channel; a message coming back from Redis with this instance's
/// origin is ignored, so nothing is delivered twice. Redis being down never fails the business change that published:
/// the other instances miss the message (their clients resync from the database on reconnect) and the connection
/// re-subscribes by itself when Redis is back.
/// </summary>
public sealed class RedisRealtimeBackplane : IRealtimeBackplane, IDisposable
{
    public const string ChannelKey = "Redis:Channel";
    private const string DefaultChannel = "portal:realtime";

    private readonly InProcessRealtimeBackplane _local = new();
    private readonly ConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly ILogger<RedisRealtimeBackplane> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public RedisRealtimeBackplane(IConfiguration configuration, ILogger<RedisRealtimeBackplane> logger)
    {
        _logger = logger;
        var options = ConfigurationOptions.Parse(configuration[RealtimeModule.RedisKey]!);
        options.AbortOnConnectFail = false; // start without Redis and connect when it comes up
        options.ClientName ??= "portal";
        _redis = ConnectionMultiplexer.Connect(options);
        _channel = RedisChannel.Literal(configuration[ChannelKey] is { Length: > 0 } name ? name : DefaultChannel);
        _ = SubscribeAsync();
    }

    private async Task SubscribeAsync()
    {
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                // A message queue, not a plain handler: messages are handled one at a time, in the order they were
                // published. Once registered, the connection renews the subscription whenever Redis comes back.
                (await _redis.GetSubscriber().SubscribeAsync(_channel)).OnMessage(m => Receive(m.Message));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (attempt == 1) _logger.LogError(ex, "Redis indisponível: eventos de outras instâncias só chegarão quando ele voltar");
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public bool IsConnected => _redis.IsConnected;

    public async Task PublishAsync(RealtimeMessage message, CancellationToken ct = default)
    {
        await _local.PublishAsync(message, ct);
        if (!_redis.IsConnected)
        {
            // Not waiting for a reconnect: the business change that published must not be held up.
            _logger.LogWarning("Redis indisponível: evento {Type} entregue só nesta instância", message.Type);
            return;
        }
        var envelope = new Envelope(_origin, message.Type, message.Json, message.UserIds?.ToArray(), message.Id);
        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(envelope));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Redis indisponível: evento {Type} entregue só nesta instância", message.Type);
        }
    }

    public IDisposable Subscribe(Action<RealtimeMessage> receiver) => _local.Subscribe(receiver);

    private void Receive(RedisValue value)
    {
        Envelope? e;
        try
        {
            e = JsonSerializer.Deserialize<Envelope>(value.ToString());
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Mensagem inválida no canal Redis de tempo real");
            return;
        }
        if (e is null || e.Origin == _origin) return;
        _local.PublishAsync(new RealtimeMessage(e.Type, e.Json, e.UserIds) { Id = e.Id });
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _redis.Dispose();
        _stopping.Dispose();
    }

    private sealed record Envelope(string Origin, string Type, string Json, long[]? UserIds, long? Id);
}
