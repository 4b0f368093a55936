using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Features.Tasks;
using Portal.Platform.Realtime;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Browser;

/// <summary>
/// NTF-17: the tabs of one browser share one stream; closing the tab that holds it hands it to another tab, which
/// resumes from the last event id (<c>?lastEventId=</c>) and keeps showing new notifications.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class RealtimeTabsBrowserTests(SqlitePortal portal, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Within2s = new() { Timeout = 2000 };

    private PortalApp App => portal.App;

    [Fact]
    public async Task NTF17_three_tabs_hold_one_stream_and_closing_its_tab_hands_it_over_with_the_last_event_id()
    {
        var fiscal = await AccessTestData.SectorAsync(App, name: AccessTestData.Unique("Fiscal"));
        var a = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name]);
        var b = await portal.Users.CreateAsync(roles: ["Colaborador"], sectors: [fiscal.Name]);

        await using var context = await browser.NewContextAsync(App.BaseAddress, BrowserFixture.Desktop);
        var first = await context.NewPageAsync();
        await BrowserFixture.RunAsync(first, nameof(NTF17_three_tabs_hold_one_stream_and_closing_its_tab_hands_it_over_with_the_last_event_id), async () =>
        {
            await first.GotoAsync("/login");
            await first.GetByLabel("E-mail", new() { Exact = true }).FillAsync(b.Email);
            await first.GetByLabel("Senha", new() { Exact = true }).FillAsync(b.Password);
            await first.GetByRole(AriaRole.Button, new() { Name = "Entrar", Exact = true }).ClickAsync();
            await first.WaitForURLAsync("**/inicio");
            await WaitForStreamsAsync(b.Id, 1);
            var second = await context.NewPageAsync();
            await second.GotoAsync("/inicio");
            var third = await context.NewPageAsync();
            await third.GotoAsync("/notificacoes");
            await Task.Delay(1000); // time enough for a wrongly opened second stream to show up
            Assert.Equal(1, Streams(b.Id));

            var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            context.Request += (_, r) =>
            {
                if (r.Url.Contains("/eventos/stream?lastEventId=", StringComparison.Ordinal)) resumed.TrySetResult();
            };
            await first.CloseAsync();
            await resumed.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await WaitForStreamsAsync(b.Id, 1);

            await CreateAsync(App, a, new TaskInput("Conferir folha de novembro", SectorId: fiscal.Id, AssigneeId: b.Id));
            var toast = second.Locator(".portal-notification-toast");
            await Expect(toast).ToBeVisibleAsync(Within2s);
            await Expect(toast).ToContainTextAsync("Conferir folha de novembro");
            await Expect(third.Locator(".portal-notification-toast")).ToBeVisibleAsync(Within2s);
            Assert.Equal(1, Streams(b.Id));
        });
    }

    private int Streams(long userId) =>
        App.Services.GetRequiredService<RealtimeBroadcaster>().Connections().Count(c => c.UserId == userId);

    private async Task WaitForStreamsAsync(long userId, int count)
    {
        for (var i = 0; i < 50 && Streams(userId) != count; i++) await Task.Delay(100);
        Assert.Equal(count, Streams(userId));
    }
}
