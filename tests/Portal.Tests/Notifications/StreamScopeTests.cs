using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Notifications;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Notifications.NotificationTestData;

namespace Portal.Tests.Notifications;

/// <summary>
/// An open stream holds nothing its request resolved (issue 5, 2,000 streams under 400 MB): the request's service scope,
/// with its DbContext, ends once the stream is open, and the stream keeps delivering.
/// </summary>
public sealed class StreamScopeTests
{
    private sealed class ScopeProbe : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    /// <summary>Remembers the probe each stream request's scope resolved.</summary>
    private sealed class Probes : IStartupFilter
    {
        public readonly System.Collections.Concurrent.ConcurrentQueue<ScopeProbe> Seen = new();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Path.StartsWithSegments("/eventos") || http.Request.Path.StartsWithSegments("/api/v1/events"))
                    Seen.Enqueue(http.RequestServices.GetRequiredService<ScopeProbe>());
                return following(http);
            });
            next(app);
        };
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_open_stream_has_ended_its_request_scope_and_still_delivers(bool bearer)
    {
        var probes = new Probes();
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, services: s =>
        {
            s.AddScoped<ScopeProbe>();
            s.AddSingleton<IStartupFilter>(probes);
        });
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync(); // set-up done: no redirect to the first-run page
        var user = await users.CreateAsync(roles: ["Colaborador"]);
        var trigger = "test.stream-scope." + Guid.NewGuid().ToString("N")[..10];
        await RuleAsync(app, trigger, includeActor: false, new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = user.Id });
        using var browser = bearer ? null : await users.LoginAsync(user);
        using var api = bearer ? await ApiClient.LoginAsync(app, user) : null;

        await using var stream = bearer ? await EventStream.OpenAsync(api!) : await EventStream.OpenAsync(browser!);

        var probe = Assert.Single(probes.Seen);
        Assert.True(probe.Disposed);
        Assert.Equal(1, await PublishAsync(app, Event(trigger, null)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        System.Net.ServerSentEvents.SseItem<string>? item = null;
        while (DateTime.UtcNow < deadline && item?.EventType != "notification")
            item = await stream.NextAsync(deadline - DateTime.UtcNow);
        Assert.Equal("notification", item?.EventType);
    }
}
