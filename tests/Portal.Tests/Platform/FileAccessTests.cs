using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Platform.Data;
using Portal.Platform.Files;
using Portal.Platform.RichText;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>Test-only owner rule: a "TestOwner" file is readable by the user whose id is its OwnerId.</summary>
public sealed class TestOwnerReadAccess : IFileReadAccess
{
    public const string Type = "TestOwner";
    public const string UseCaseKey = "test-attachment";

    public string OwnerType => Type;

    public Task<bool> CanReadAsync(StoredFile file, long userId, CancellationToken ct) => Task.FromResult(file.OwnerId == userId);
}

/// <summary>
/// A private portal with the test owner rule registered, so file tests neither see nor disturb the shared app's
/// storage (the logo tests compare the whole files folder) and the orphan sweep can run freely.
/// </summary>
public abstract class FilesPortal(DatabaseKind provider) : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(provider, services: s =>
        {
            s.AddFileReadAccess<TestOwnerReadAccess>();
            s.AddFileUseCase(new FileUseCase(TestOwnerReadAccess.UseCaseKey, [FileTypes.Pdf, FileTypes.Png], 1024 * 1024));
        });
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class FilesSqlitePortal() : FilesPortal(DatabaseKind.Sqlite);

public sealed class FilesMySqlPortal() : FilesPortal(DatabaseKind.MySql);

/// <summary>platform.md §4 images and §5 downloads: PLT-06, PLT-07, PLT-08, PLT-10 and the editor upload endpoint.</summary>
public abstract class FileAccessTests(FilesPortal portal)
{
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private PortalApp App => portal.App;
    private TestUsers Users => portal.Users;

    // ---- PLT-06 ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task PLT06_download_follows_the_owner_rule_and_is_404_for_anyone_else()
    {
        var owner = await Users.CreateAsync(roles: ["Colaborador"]);
        var other = await Users.CreateAsync(roles: ["Colaborador"]);
        var pdf = UniquePdf();
        var file = await StoreAsync(new FileOwner(TestOwnerReadAccess.Type, owner.Id), pdf, "relatório.pdf");
        var unruled = await StoreAsync(new FileOwner("NoRuleOwner", owner.Id), UniquePdf(), "sem-regra.pdf");

        using var ownerClient = await Users.LoginAsync(owner);
        var response = await ownerClient.GetAsync(FileEndpoints.UrlFor(file.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());

        using var otherClient = await Users.LoginAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(FileEndpoints.UrlFor(file.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.GetAsync(FileEndpoints.UrlFor(unruled.Id))).StatusCode); // no rule → never served
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.GetAsync(FileEndpoints.UrlFor(Guid.NewGuid()))).StatusCode);

        using var anonymous = App.NewClient();
        var anonymousResponse = await anonymous.GetAsync(FileEndpoints.UrlFor(file.Id));
        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.StartsWith("/login", anonymousResponse.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PLT06_stored_file_is_not_reachable_under_any_static_path()
    {
        var owner = await Users.CreateAsync();
        var file = await StoreAsync(new FileOwner(TestOwnerReadAccess.Type, owner.Id), UniquePdf(), "segredo.pdf");
        using var client = await Users.LoginAsync(owner);
        foreach (var path in new[]
        {
            "/" + file.StorageKey, "/files/" + file.StorageKey, "/data/files/" + file.StorageKey, "/arquivos/" + file.StorageKey,
            "/wwwroot/files/" + file.StorageKey, "/lib/../files/" + file.StorageKey, "/files/" + file.Id,
            "/segredo.pdf", "/files/segredo.pdf", "/arquivos/segredo.pdf",
        })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} → {(int)response.StatusCode}");
        }
    }

    // ---- PLT-07 ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task PLT07_download_is_an_attachment_with_the_rfc5987_name_nosniff_and_no_store()
    {
        var owner = await Users.CreateAsync();
        var pdf = UniquePdf();
        var file = await StoreAsync(new FileOwner(TestOwnerReadAccess.Type, owner.Id), pdf, "relatório de março.pdf");
        using var client = await Users.LoginAsync(owner);

        foreach (var url in new[] { FileEndpoints.UrlFor(file.Id), FileEndpoints.UrlFor(file.Id) + "?inline=1" }) // only images go inline
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var disposition = response.Content.Headers.GetValues("Content-Disposition").Single();
            Assert.StartsWith("attachment;", disposition);
            Assert.Contains("filename*=UTF-8''relat%C3%B3rio%20de%20mar%C3%A7o.pdf", disposition);
            Assert.Contains("filename=", disposition.Replace("filename*=", "", StringComparison.Ordinal)); // ASCII fallback
            Assert.Equal("relatório de março.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(response.Headers.CacheControl!.Private);
            Assert.True(response.Headers.CacheControl.NoStore);
            Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        }

        // Range requests (video seeking later).
        using var request = new HttpRequestMessage(HttpMethod.Get, FileEndpoints.UrlFor(file.Id));
        request.Headers.Range = new RangeHeaderValue(0, 4);
        var partial = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(pdf[..5], await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Images_may_be_shown_inline_with_a_sandbox_csp()
    {
        var owner = await Users.CreateAsync();
        var png = UniquePng();
        var file = await StoreAsync(new FileOwner(TestOwnerReadAccess.Type, owner.Id), png, "gráfico.png");
        using var client = await Users.LoginAsync(owner);

        var inline = await client.GetAsync(FileEndpoints.UrlFor(file.Id) + "?inline=1");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.StartsWith("inline;", inline.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("image/png", inline.Content.Headers.ContentType!.MediaType);
        Assert.Equal("sandbox", inline.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(png, await inline.Content.ReadAsByteArrayAsync());

        var attachment = await client.GetAsync(FileEndpoints.UrlFor(file.Id));
        Assert.StartsWith("attachment;", attachment.Content.Headers.GetValues("Content-Disposition").Single());
    }

    // ---- PLT-08 ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task PLT08_deleting_an_owner_removes_its_rows_and_its_files_from_disk()
    {
        var owner = new FileOwner(TestOwnerReadAccess.Type, Random.Shared.NextInt64(1_000_000, long.MaxValue));
        var first = await StoreAsync(owner, UniquePdf(), "a.pdf");
        var second = await StoreAsync(owner, UniquePng(), "b.png");
        var bystander = await StoreAsync(owner with { Id = owner.Id - 1 }, UniquePdf(), "outro.pdf");
        Assert.True(File.Exists(DiskPath(first.StorageKey)) && File.Exists(DiskPath(second.StorageKey)));

        await App.WithScopeAsync(async sp =>
        {
            var uploads = sp.GetRequiredService<FileUploads>();
            var removed = await uploads.RemoveAllOfAsync(owner);
            Assert.Equal(2, removed.Count);
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
            await uploads.PurgeAsync(removed);
        });

        Assert.False(File.Exists(DiskPath(first.StorageKey)));
        Assert.False(File.Exists(DiskPath(second.StorageKey)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == owner.Type && f.OwnerId == owner.Id)));
        Assert.True(File.Exists(DiskPath(bystander.StorageKey)));
    }

    [Fact]
    public async Task PLT08_sweep_removes_content_left_by_a_failed_purge_once_it_is_an_hour_old()
    {
        var owner = new FileOwner(TestOwnerReadAccess.Type, Random.Shared.NextInt64(1_000_000, long.MaxValue));
        var leftOver = await StoreAsync(owner, UniquePdf(), "deixado.pdf");
        var kept = await StoreAsync(owner with { Id = owner.Id - 1 }, UniquePdf(), "mantido.pdf");
        // The owner was deleted, but the immediate storage deletion failed (never called here).
        await App.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<FileUploads>().RemoveAllOfAsync(owner);
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
        });
        string freshOrphan = "";
        await App.WithScopeAsync(async sp =>
        {
            using var content = new MemoryStream(UniquePdf());
            freshOrphan = await sp.GetRequiredService<IFileStorage>().SaveAsync(content); // an upload whose row is not saved yet
        });
        var stray = Path.Combine(App.DataPath, "files", "leia-me.txt");
        await File.WriteAllTextAsync(stray, "não é um objeto do armazenamento");
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
        File.SetLastWriteTimeUtc(stray, twoHoursAgo);
        File.SetLastWriteTimeUtc(DiskPath(leftOver.StorageKey), twoHoursAgo);
        File.SetLastWriteTimeUtc(DiskPath(kept.StorageKey), twoHoursAgo);

        var removed = 0;
        await App.WithScopeAsync(async sp => removed = await sp.GetRequiredService<OrphanFileSweeper>().SweepAsync());

        Assert.True(removed >= 1);
        Assert.False(File.Exists(DiskPath(leftOver.StorageKey)));
        Assert.True(File.Exists(DiskPath(kept.StorageKey)));
        Assert.True(File.Exists(DiskPath(freshOrphan)));
        Assert.True(File.Exists(stray)); // not an object of this store (like the health probe): never touched
        await App.WithScopeAsync(async sp => await sp.GetRequiredService<IFileStorage>().DeleteAsync(freshOrphan));
    }

    // ---- PLT-10 ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task PLT10_pasted_data_png_becomes_a_stored_file_url_any_signed_in_user_can_fetch()
    {
        var author = await Users.CreateAsync();
        var reader = await Users.CreateAsync(roles: ["Colaborador"]);
        var png = UniquePng();
        var data = "data:image/png;base64," + Convert.ToBase64String(png);
        RichTextResult result = null!;
        await App.WithScopeAsync(async sp =>
        {
            result = await sp.GetRequiredService<RichText>().CleanAsync(
                $"<p>Veja:</p><p><img src=\"{data}\" alt=\"print\"><img src=\"{data}\"></p>", author.Id);
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
        });

        var image = Assert.Single(result.ExtractedImages);
        var url = FileEndpoints.UrlFor(image.Id);
        Assert.Equal($"<p>Veja:</p><p><img src=\"{url}\" alt=\"print\"><img src=\"{url}\"></p>", result.Html);
        Assert.Equal("Veja:", result.PlainText);
        var row = await App.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == image.Id));
        Assert.Equal(EditorImageReadAccess.Type, row.OwnerType);
        Assert.Equal(author.Id, row.OwnerId);
        Assert.Equal(PlatformFileUseCases.EditorImage, row.Purpose);
        Assert.Equal("image/png", row.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), row.Sha256);

        using var client = await Users.LoginAsync(reader);
        var response = await client.GetAsync(url + "?inline=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=")]
    [InlineData("data:image/png;base64,TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAA==")] // MZ as "png"
    [InlineData("data:image/png;base64,não é base64")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    public async Task Refused_data_images_are_removed_and_nothing_is_stored(string src)
    {
        var author = await Users.CreateAsync();
        RichTextResult result = null!;
        await App.WithScopeAsync(async sp =>
        {
            result = await sp.GetRequiredService<RichText>().CleanAsync($"<p>a<img src=\"{src}\">b</p>", author.Id);
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
        });
        Assert.Equal("<p>ab</p>", result.Html);
        Assert.Empty(result.ExtractedImages);
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == EditorImageReadAccess.Type && f.OwnerId == author.Id)));
    }

    // ---- POST /arquivos/imagem-editor ----------------------------------------------------------------------------

    [Fact]
    public async Task Editor_image_upload_stores_the_image_and_returns_its_url()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var png = UniquePng();
        var response = await PostImageAsync(client, png, "colado.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var url = json.RootElement.GetProperty("url").GetString()!;
        var id = json.RootElement.GetProperty("id").GetGuid();
        Assert.Equal(FileEndpoints.UrlFor(id), url);
        Assert.True(RichTextSanitizer.IsStoredFileUrl(url));

        var row = await App.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == id));
        Assert.Equal((EditorImageReadAccess.Type, user.Id, "colado.png"), (row.OwnerType, row.OwnerId, row.OriginalName));
        var fetched = await client.GetAsync(url);
        Assert.Equal(png, await fetched.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("MZ", "foto.png")]                         // a Windows executable renamed
    [InlineData("%PDF-1.7", "documento.pdf")]                // fine file, not an image
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">", "imagem.svg")]
    public async Task Editor_image_upload_refuses_other_content_and_stores_nothing(string start, string name)
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var content = System.Text.Encoding.Latin1.GetBytes(start).Concat(new byte[300]).ToArray();
        var response = await PostImageAsync(client, content, name);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Tipo de arquivo não permitido.", await ErrorOf(response));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == EditorImageReadAccess.Type && f.OwnerId == user.Id)));
    }

    [Fact]
    public async Task Editor_image_over_5_mb_gets_413_with_the_size_message()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var response = await PostImageAsync(client, TinyPng.Concat(new byte[(int)(5.2 * 1024 * 1024)]).ToArray(), "grande.png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Arquivo excede o tamanho permitido (5 MB).", await ErrorOf(response));
    }

    [Fact]
    public async Task Editor_image_upload_needs_a_signed_in_user_and_the_antiforgery_token()
    {
        using var anonymous = App.NewClient();
        var token = await anonymous.TokenFromAsync("/login");
        var response = await PostImageAsync(anonymous, UniquePng(), "x.png", token);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}");

        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var withoutToken = await PostImageAsync(client, UniquePng(), "x.png", token: "");
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(FileEndpoints.CsrfMessage, await ErrorOf(withoutToken));
        var wrongToken = await PostImageAsync(client, UniquePng(), "x.png", token: token); // another session's token
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == EditorImageReadAccess.Type && f.OwnerId == user.Id)));
    }

    [Fact]
    public async Task Editor_image_upload_allows_60_files_per_minute_per_user()
    {
        var user = await Users.CreateAsync();
        using var client = await Users.LoginAsync(user);
        var token = await client.TokenFromAsync("/perfil");
        var junk = new byte[] { 1, 2, 3, 4 };
        HttpResponseMessage last = null!;
        for (var i = 0; i <= UploadRateLimiter.PerMinute; i++)
        {
            last = await PostImageAsync(client, junk, "x.png", token);
            if (last.StatusCode == HttpStatusCode.TooManyRequests) break;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.StartsWith("Muitos arquivos enviados.", await ErrorOf(last));

        // Another user is not affected.
        using var colleague = await Users.LoginAsync(await Users.CreateAsync());
        Assert.Equal(HttpStatusCode.OK, (await PostImageAsync(colleague, UniquePng(), "y.png")).StatusCode);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static byte[] UniquePng() => TinyPng.Concat(RandomNumberGenerator.GetBytes(16)).ToArray();

    private static byte[] UniquePdf() => "%PDF-1.7\n"u8.ToArray().Concat(RandomNumberGenerator.GetBytes(64)).ToArray();

    private string DiskPath(string key) => Path.Combine(App.DataPath, "files", key.Replace('/', Path.DirectorySeparatorChar));

    private async Task<StoredFile> StoreAsync(FileOwner owner, byte[] content, string name)
    {
        StoredFile file = null!;
        await App.WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<FileUploads>().StoreAsync(TestOwnerReadAccess.UseCaseKey,
                new UploadSource(name, content.Length, () => new MemoryStream(content)), owner, null);
            Assert.True(result.Succeeded, result.Error);
            await sp.GetRequiredService<PortalDb>().SaveChangesAsync();
            file = result.File!;
        });
        return file;
    }

    /// <summary>What editor.js sends: multipart "file" with the page's token in the RequestVerificationToken header.</summary>
    private static async Task<HttpResponseMessage> PostImageAsync(TestClient client, byte[] content, string name, string? token = null)
    {
        token ??= await client.TokenFromAsync("/perfil");
        using var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", name } };
        using var request = new HttpRequestMessage(HttpMethod.Post, FileEndpoints.EditorImageRoute) { Content = form };
        if (token.Length > 0) request.Headers.Add("RequestVerificationToken", token);
        return await client.Http.SendAsync(request);
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString();
    }
}

public sealed class FileAccessTestsSqlite(FilesSqlitePortal portal) : FileAccessTests(portal), IClassFixture<FilesSqlitePortal>;

public sealed class FileAccessTestsMySql(FilesMySqlPortal portal) : FileAccessTests(portal), IClassFixture<FilesMySqlPortal>;
