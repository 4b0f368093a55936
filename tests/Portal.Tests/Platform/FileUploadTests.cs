using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Files;
using Portal.Platform.Settings;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>platform.md §5 (files) through its first use case, the firm logo (§12); PLT-04 and PLT-06 for uploads.</summary>
public abstract class FileUploadTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Page = "/admin/configuracoes";
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Png_logo_is_stored_outside_the_web_root_and_served_by_marca_logo_with_nosniff()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var png = UniquePng();
        var response = await PostLogoAsync(admin, png, "logo-escritório.png");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var file = await CurrentLogoRowAsync();
        Assert.NotNull(file);
        Assert.Equal("Settings", file.OwnerType);
        Assert.Equal(0, file.OwnerId);
        Assert.Equal("logo", file.Purpose);
        Assert.Equal("logo-escritório.png", file.OriginalName);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(png.Length, file.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), file.Sha256);
        Assert.Equal(Users.Administrator.Id, file.UploadedById);
        Assert.Matches("^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}$", file.StorageKey);
        Assert.Equal(png, await File.ReadAllBytesAsync(DiskPath(file.StorageKey)));

        // Any signed-in user sees it in the top bar and can fetch it.
        var colleague = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(colleague);
        var (_, home) = await client.GetPageAsync("/inicio");
        var src = home.QuerySelector(".portal-brand img")!.GetAttribute("src");
        Assert.Equal($"/marca/logo?v={file.Id:N}", src);
        var logo = await client.GetAsync(src!);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal(png, await logo.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", logo.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(logo.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromHours(1), logo.Headers.CacheControl?.MaxAge);

        using var anonymous = App.NewClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/marca/logo")).StatusCode);
    }

    [Fact]
    public async Task Stored_file_is_not_reachable_under_any_static_path()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        await PostLogoAsync(admin, UniquePng(), "logo.png");
        var file = (await CurrentLogoRowAsync())!;
        foreach (var path in new[]
        {
            "/" + file.StorageKey, "/files/" + file.StorageKey, "/data/files/" + file.StorageKey, "/data/" + file.StorageKey,
            "/wwwroot/" + file.StorageKey, "/arquivos/" + file.StorageKey, "/files/" + file.Id, "/logo.png", "/files/logo.png",
        })
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} → {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Replacing_and_removing_the_logo_deletes_the_old_file_and_its_row()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        await PostLogoAsync(admin, UniquePng(), "primeiro.png");
        var first = (await CurrentLogoRowAsync())!;
        var webp = "RIFF\0\0\0\0WEBPVP8 "u8.ToArray().Concat(RandomNumberGenerator.GetBytes(32)).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await PostLogoAsync(admin, webp, "segundo.webp", "image/webp")).StatusCode);

        var second = (await CurrentLogoRowAsync())!;
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("image/webp", second.ContentType);
        Assert.False(File.Exists(DiskPath(first.StorageKey)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == first.Id)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/marca/logo?v={second.Id:N}")).StatusCode);
        var (_, page) = await admin.GetPageAsync(Page);
        Assert.Equal($"/marca/logo?v={second.Id:N}", page.QuerySelector("#identidade-visual img")!.GetAttribute("src"));

        var removed = await admin.PostFormAsync(Page, Page + "?handler=RemoveLogo", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await CurrentLogoRowAsync());
        Assert.False(File.Exists(DiskPath(second.StorageKey)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == second.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/marca/logo")).StatusCode);
        var (_, home) = await admin.GetPageAsync("/inicio");
        Assert.EndsWith("/img/logo-default.svg", home.QuerySelector(".portal-brand img")!.GetAttribute("src"));
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "settings_changed" && a.ResourceId == "branding")
            .OrderByDescending(a => a.Id).Select(a => a.ChangesJson).FirstAsync());
        Assert.Contains("segundo.webp", audit);
    }

    [Theory]
    [InlineData("MZ", "logo.png")]              // PLT-04: a Windows executable renamed
    [InlineData("\u007fELF", "logo.png")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">", "logo.png")]
    [InlineData("<!DOCTYPE html><html>", "logo.jpg")]
    [InlineData("%PDF-1.7", "logo.pdf")]          // a fine PDF, but not an allowed type for a logo
    [InlineData("\u0089PNG\r\n\u001a\n", "logo.svg")] // PNG content under a refused extension
    [InlineData("\u0089PNG\r\n\u001a\n", "logo.jpg")] // signature does not match the extension
    public async Task Disallowed_content_is_refused_and_nothing_is_stored(string start, string name)
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var before = await SnapshotAsync();
        var content = System.Text.Encoding.Latin1.GetBytes(start).Concat(new byte[200]).ToArray();
        var response = await PostLogoAsync(admin, content, name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Tipo de arquivo não permitido.", SettingsTests.FieldError(doc, "Branding.Logo"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Logo_over_2_mb_gets_413_with_the_size_message_and_nothing_is_stored()
    {
        using var admin = await Users.LoginAsync(Users.Administrator);
        var before = await SnapshotAsync();
        var big = TinyPng.Concat(new byte[(int)(2.5 * 1024 * 1024)]).ToArray();
        var response = await PostLogoAsync(admin, big, "grande.png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Arquivo excede o tamanho permitido (2 MB).", SettingsTests.FieldError(doc, "Branding.Logo"));
        Assert.Equal(before, await SnapshotAsync());
    }

    // ---- helpers ------------------------------------------------------------

    /// <summary>A valid PNG followed by random bytes, so each upload has its own content and hash.</summary>
    private static byte[] UniquePng() => TinyPng.Concat(RandomNumberGenerator.GetBytes(16)).ToArray();

    private async Task<HttpResponseMessage> PostLogoAsync(TestClient client, byte[] content, string fileName, string contentType = "image/png")
    {
        var firm = await App.WithDbAsync(db => db.SystemSettings.Where(s => s.Key == SettingKeys.FirmName).Select(s => s.Value).FirstOrDefaultAsync());
        var token = await client.TokenFromAsync(Page);
        using var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(firm ?? "Portal Contábil"), "Branding.FirmName" },
            { new StringContent("#0b288b"), "Branding.PrimaryColor" },
            { file, "Branding.Logo", fileName },
        };
        return await client.Http.PostAsync(Page + "?handler=Branding", form);
    }

    private Task<StoredFile?> CurrentLogoRowAsync() => App.WithDbAsync(async db =>
    {
        var id = await db.SystemSettings.Where(s => s.Key == SettingKeys.LogoFileId).Select(s => s.Value).FirstOrDefaultAsync();
        return Guid.TryParse(id, out var guid) ? await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == guid) : null;
    });

    private string FilesRoot => Path.Combine(App.DataPath, "files");

    private string DiskPath(string key) => Path.Combine(FilesRoot, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Rows and files on disk: an upload that is refused must change neither.</summary>
    private async Task<string> SnapshotAsync()
    {
        var rows = await App.WithDbAsync(db => db.StoredFiles.Select(f => f.Id).ToListAsync());
        var files = Directory.Exists(FilesRoot)
            ? Directory.GetFiles(FilesRoot, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".health", StringComparison.Ordinal)).Order().ToList()
            : [];
        return string.Join(",", rows.Order()) + "|" + string.Join(",", files);
    }
}

[Collection(GlobalStateSqliteCollection.Name)]
public sealed class FileUploadTestsSqlite(GlobalStateSqlitePortal portal) : FileUploadTests(portal);

[Collection(GlobalStateMySqlCollection.Name)]
public sealed class FileUploadTestsMySql(GlobalStateMySqlPortal portal) : FileUploadTests(portal);

/// <summary>Signature rules of platform.md §5.2 without HTTP.</summary>
public sealed class FileTypeTests
{
    [Theory]
    [InlineData("logo.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData("foto.JPG", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 }, "image/jpeg")]
    [InlineData("foto.jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xDB, 0 }, "image/jpeg")]
    [InlineData("img.webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0 }, "image/webp")]
    [InlineData("wave.webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45, 0 }, null)]
    [InlineData("logo.gif", new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)]
    [InlineData("logo", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, null)]
    public void Logo_accepts_only_its_types_by_extension_and_signature(string name, byte[] head, string? expected)
    {
        var useCase = PlatformFileUseCases.LogoUseCase;
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var type = FileTypes.IsAlwaysRejected(extension, head)
            ? null
            : useCase.Types.FirstOrDefault(t => t.Extensions.Contains(extension) && t.Signature(head));
        Assert.Equal(expected, type?.ContentType);
    }

    [Theory]
    [InlineData(".pdf", "%PDF-1.4", false)]
    [InlineData(".pdf", "MZ\u0090\0", true)]
    [InlineData(".txt", "#!/bin/sh\nrm -rf /", true)]
    [InlineData(".txt", "\uFEFF  <html><body>", true)]
    [InlineData(".xml", "<?xml version=\"1.0\"?><svg/>", true)]
    [InlineData(".xml", "<?xml version=\"1.0\"?><nfeProc/>", false)]
    [InlineData(".bat", "echo ok", true)]
    [InlineData(".SVG", "anything", true)]
    public void Executables_scripts_html_and_svg_are_always_rejected(string extension, string start, bool rejected) =>
        Assert.Equal(rejected, FileTypes.IsAlwaysRejected(extension, System.Text.Encoding.UTF8.GetBytes(start)));

    [Theory]
    [InlineData("..\\..\\windows\\evil.png", "evil.png")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("rel\u0000at\u001fório.pdf", "relatório.pdf")]
    [InlineData("", "arquivo")]
    public void Original_names_lose_paths_and_control_characters(string name, string expected) =>
        Assert.Equal(expected, FileUploads.SanitizeName(name));

    [Fact]
    public void Storage_keys_that_could_leave_the_root_are_refused() =>
        Assert.All(["../x", "2026/01/../../etc", "/etc/passwd", "2026/01/ABC", "2026\\01\\" + new string('a', 32)],
            key => Assert.False(LocalFileStorage.IsValidKey(key)));
}
