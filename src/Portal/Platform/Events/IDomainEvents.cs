using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Platform.Events;

/// <summary>
/// In-process publication of facts that other modules react to ("a user was created by Google sign-in"), so the
/// module where something happens does not depend on the modules that care about it. Publish only after the change
/// is committed. The notifications module (README §6.16) will consume these events — turning e.g.
/// <see cref="UserCreatedByGoogle"/> into the <c>user.created_by_google</c> notification — by registering its own
/// implementation (or one that forwards to <see cref="RecentDomainEvents"/> as well).
/// </summary>
public interface IDomainEvents
{
    Task PublishAsync(object domainEvent, CancellationToken ct = default);
}

/// <summary>
/// Default until a consumer exists: keeps the most recent events in memory and does nothing else. Tests read
/// <see cref="Recent"/> to assert what was published.
/// </summary>
public sealed class RecentDomainEvents : IDomainEvents
{
    private const int Keep = 500;
    private readonly ConcurrentQueue<object> _recent = new();

    public IReadOnlyList<object> Recent => _recent.ToArray();

    public Task PublishAsync(object domainEvent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        _recent.Enqueue(domainEvent);
        while (_recent.Count > Keep) _recent.TryDequeue(out _);
        return Task.CompletedTask;
    }
}

/// <summary>A consumer of one kind of domain event (or of an interface several events implement).</summary>
public interface IDomainEventHandler<in TEvent>
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}

/// <summary>
/// Records every event in <see cref="RecentDomainEvents"/> (tests read it) and hands it to the registered
/// <see cref="IDomainEventHandler{TEvent}"/>s of its type and interfaces. The change is already committed, so a
/// failing consumer is logged and never fails the request that caused the event.
/// </summary>
public sealed class DomainEventDispatcher(RecentDomainEvents recent, IServiceProvider services, ILogger<DomainEventDispatcher> logger) : IDomainEvents
{
    public async Task PublishAsync(object domainEvent, CancellationToken ct = default)
    {
        await recent.PublishAsync(domainEvent, ct);
        var type = domainEvent.GetType();
        foreach (var target in type.GetInterfaces().Prepend(type))
        {
            var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(target);
            foreach (var handler in services.GetServices(handlerType))
            {
                try
                {
                    var handle = handlerType.GetMethod(nameof(IDomainEventHandler<object>.HandleAsync))!;
                    await (Task)handle.Invoke(handler, [domainEvent, ct])!;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Falha ao processar o evento {Event}", type.Name);
                }
            }
        }
    }
}

public static class DomainEventsRegistration
{
    /// <summary>Idempotent: every module that publishes may call it; a consumer module registering first wins.</summary>
    public static IServiceCollection AddDomainEvents(this IServiceCollection services)
    {
        services.TryAddSingleton<RecentDomainEvents>();
        services.TryAddScoped<IDomainEvents, DomainEventDispatcher>();
        return services;
    }
}
