using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>PLT-14 (500 page code = X-Request-ID = log line) and OPS-15 (secrets never reach the logs).</summary>
public sealed class ErrorAndLoggingTests
{
    /// <summary>Adds a route that fails, after the portal's own pipeline, to exercise the real error handling.</summary>
    private sealed class FailingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/falha-de-teste", b => b.Run(_ => throw new InvalidOperationException("detalhe interno SELECT * FROM Users")));
            app.Map("/lenta-de-teste", b => b.Run(async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2100));
                await ctx.Response.WriteAsync("ok");
            }));
        };
    }

    [Fact]
    public async Task Server_error_page_shows_the_request_id_that_is_in_the_error_log_and_no_exception_text()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, services: s => s.AddSingleton<IStartupFilter, FailingRoute>());
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var client = await users.LoginAsync(users.Administrator);
        var (response, doc) = await client.GetPageAsync("/falha-de-teste");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        Assert.Contains($"Ocorreu um erro inesperado. Código: {requestId}", doc.Body!.TextContent);
        var html = doc.DocumentElement.OuterHtml;
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("SELECT", html);
        var errorLog = app.ReadLogs("error-" + DateTime.UtcNow.ToString("yyyyMMdd") + ".log");
        Assert.Contains(requestId, errorLog);
    }

    [Fact]
    public async Task Slow_requests_are_logged_as_warnings_with_their_request_id()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite, services: s => s.AddSingleton<IStartupFilter, FailingRoute>());
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var client = await users.LoginAsync(users.Administrator);
        var response = await client.GetAsync("/lenta-de-teste");
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        var line = app.ReadLogs(".log").Split('\n').Single(l => l.Contains("Requisição lenta", StringComparison.Ordinal) && l.Contains("/lenta-de-teste", StringComparison.Ordinal));
        Assert.Contains("[WRN]", line);
        Assert.Contains("SLOW REQUEST", line);
        Assert.Contains(requestId, line);
    }

    [Fact]
    public async Task Submitted_passwords_and_bearer_tokens_never_reach_the_log_files()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite);
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        using var client = app.NewClient();
        await client.PostFormAsync("/login", ("Email", users.Administrator.Email), ("Password", "Segredo123!"), ("senha", "Segredo123!"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/inicio?token=tok-abcdef-123456&senha=Segredo123!");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJ.bearer-secreto.assinatura");
        await client.Http.SendAsync(request);
        await client.PostFormAsync("/esqueci-senha", ("Email", "x@teste.local"), ("Password", "Segredo123!"));

        var logs = app.ReadLogs();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain("Segredo123!", logs);
        Assert.DoesNotContain("bearer-secreto", logs);
        Assert.DoesNotContain("tok-abcdef-123456", logs);
    }

    private static readonly Action<Microsoft.Extensions.Logging.ILogger, int, Exception?> TestLine =
        Microsoft.Extensions.Logging.LoggerMessage.Define<int>(Microsoft.Extensions.Logging.LogLevel.Warning, 1, "Linha de teste {Numero}");

    [Fact]
    public async Task Each_log_category_gets_one_logger_and_what_it_writes_reaches_the_log_file()
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite);
        var factory = app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();

        var first = factory.CreateLogger("Portal.Teste.Categoria");
        Assert.Same(first, factory.CreateLogger("Portal.Teste.Categoria"));
        Assert.NotSame(first, factory.CreateLogger("Portal.Teste.Outra"));
        TestLine(first, 4242, null);

        Assert.Contains(app.ReadLogs(".log").Split('\n'), l => l.Contains("Linha de teste 4242", StringComparison.Ordinal)
            && l.Contains("Portal.Teste.Categoria", StringComparison.Ordinal));
    }
}
