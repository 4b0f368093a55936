using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Files;
using Portal.Tests.Admin;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Account;

/// <summary>
/// "Meu perfil" (identity.md §10): the photo of identity.md §2 under the logo rules of platform.md §5, served at
/// /usuarios/{id}/foto and shown in the top bar; and the name/start-page form with its stale-edit conflict.
/// </summary>
public abstract class ProfilePhotoTests(SharedPortal portal) : IntegrationTest(portal)
{
    private const string Page = "/perfil";
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Uploaded_png_is_shown_in_the_top_bar_and_served_to_a_signed_in_colleague()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var (_, before) = await client.GetPageAsync(Page);
        Assert.Null(TopBarPhoto(before));
        Assert.Equal(Initials(user), before.QuerySelector(".portal-topbar .avatar-initials")!.TextContent.Trim());
        Assert.NotNull(before.QuerySelector("#foto .avatar-initials"));

        var png = UniquePng();
        var response = await PostPhotoAsync(client, png, "minha-foto.png");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var file = await PhotoRowAsync(user.Id);
        Assert.NotNull(file);
        Assert.Equal("User", file.OwnerType);
        Assert.Equal(user.Id, file.OwnerId);
        Assert.Equal("user-photo", file.Purpose);
        Assert.Equal("minha-foto.png", file.OriginalName);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), file.Sha256);
        Assert.Equal(user.Id, file.UploadedById);
        Assert.Equal(png, await File.ReadAllBytesAsync(DiskPath(file.StorageKey)));

        var url = $"/usuarios/{user.Id}/foto?v={file.Id:N}";
        var (_, after) = await client.GetPageAsync(Page);
        Assert.Equal(url, TopBarPhoto(after));
        Assert.Null(after.QuerySelector(".portal-topbar .avatar-initials"));
        Assert.Equal(url, after.QuerySelector("#foto img.avatar")!.GetAttribute("src"));

        var colleague = await Users.CreateAsync(roles: ["Colaborador"]);
        using var other = await Users.LoginAsync(colleague);
        var photo = await other.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(png, await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", photo.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(photo.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromHours(1), photo.Headers.CacheControl?.MaxAge);
        // The colleague's own top bar still shows their initials, not this photo.
        var (_, otherPage) = await other.GetPageAsync(Page);
        Assert.Null(TopBarPhoto(otherPage));

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "user_updated" && a.ResourceType == "User" && a.ResourceId == user.Id.ToString())
            .OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("Foto alterada", audit.Summary);
        Assert.Equal(user.Id, audit.ActorUserId);
        Assert.Contains("minha-foto.png", audit.ChangesJson);
    }

    [Fact]
    public async Task Photo_route_needs_a_signed_in_user_and_answers_404_without_a_photo()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        await PostPhotoAsync(client, UniquePng(), "foto.png");
        var file = (await PhotoRowAsync(user.Id))!;

        using var anonymous = App.NewClient();
        var refused = await anonymous.GetAsync($"/usuarios/{user.Id}/foto?v={file.Id:N}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/login", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var withoutPhoto = await Users.CreateAsync(roles: ["Colaborador"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/usuarios/{withoutPhoto.Id}/foto")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/usuarios/999999999/foto")).StatusCode);
    }

    [Fact]
    public async Task Executable_renamed_to_png_is_refused_and_nothing_is_stored()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var exe = "MZ\u0090\0"u8.ToArray().Concat(RandomNumberGenerator.GetBytes(300)).ToArray();
        var response = await PostPhotoAsync(client, exe, "foto.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Tipo de arquivo não permitido.", SettingsTests.FieldError(doc, "Photo"));
        Assert.Equal(user.FullName, doc.QuerySelector<IHtmlInputElement>("input[name=FullName]")!.Value);
        await AssertNothingStoredAsync(user.Id, exe);
    }

    [Fact]
    public async Task Photo_over_2_mb_gets_413_with_the_size_message_and_nothing_is_stored()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var big = TinyPng.Concat(RandomNumberGenerator.GetBytes((int)(2.5 * 1024 * 1024))).ToArray();
        var response = await PostPhotoAsync(client, big, "grande.png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Arquivo excede o tamanho permitido (2 MB).", SettingsTests.FieldError(doc, "Photo"));
        Assert.NotNull(doc.QuerySelector("#foto"));
        await AssertNothingStoredAsync(user.Id, big);
    }

    [Fact]
    public async Task Replacing_deletes_the_old_file_and_removing_clears_the_photo()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        await PostPhotoAsync(client, UniquePng(), "primeira.png");
        var first = (await PhotoRowAsync(user.Id))!;
        var webp = "RIFF\0\0\0\0WEBPVP8 "u8.ToArray().Concat(RandomNumberGenerator.GetBytes(32)).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await PostPhotoAsync(client, webp, "segunda.webp", "image/webp")).StatusCode);

        var second = (await PhotoRowAsync(user.Id))!;
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("image/webp", second.ContentType);
        Assert.False(File.Exists(DiskPath(first.StorageKey)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.Id == first.Id)));
        Assert.Equal(1, await App.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.OwnerType == "User" && f.OwnerId == user.Id)));
        var (_, page) = await client.GetPageAsync(Page);
        Assert.Equal($"/usuarios/{user.Id}/foto?v={second.Id:N}", TopBarPhoto(page));
        Assert.Equal("image/webp", (await client.GetAsync($"/usuarios/{user.Id}/foto?v={second.Id:N}")).Content.Headers.ContentType?.MediaType);

        var remove = page.QuerySelector("#remover-foto")!;
        Assert.NotNull(page.QuerySelector("button[form=remover-foto][data-confirm]"));
        var removed = await client.PostFormAsync(Page, remove.GetAttribute("action"), []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PhotoFileId).FirstAsync()));
        Assert.False(File.Exists(DiskPath(second.StorageKey)));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == "User" && f.OwnerId == user.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/usuarios/{user.Id}/foto?v={second.Id:N}")).StatusCode);
        var (_, after) = await client.GetPageAsync(Page);
        Assert.Null(TopBarPhoto(after));
        Assert.Equal(Initials(user), after.QuerySelector(".portal-topbar .avatar-initials")!.TextContent.Trim());
        Assert.Null(after.QuerySelector("#remover-foto"));

        var audits = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "user_updated" && a.ResourceId == user.Id.ToString() && a.Summary == "Foto alterada")
            .OrderBy(a => a.Id).Select(a => a.ChangesJson).ToListAsync());
        Assert.Equal(3, audits.Count);
        Assert.Contains("segunda.webp", audits[1]);
        Assert.Contains("segunda.webp", audits[2]);
    }

    [Fact]
    public async Task Saving_a_new_full_name_shows_it_in_the_top_bar()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var (_, page) = await client.GetPageAsync(Page);
        var version = page.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        var newName = "Renomeada " + user.Username;

        var response = await client.PostFormAsync(Page, ("FullName", "  " + newName + " "), ("StartPage", ""), ("Version", version));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var (_, after) = await client.GetPageAsync(Page);
        Assert.Equal(newName, after.QuerySelector(".portal-user-name")!.TextContent.Trim());
        Assert.Equal("RU", after.QuerySelector(".portal-topbar .avatar-initials")!.TextContent.Trim());
        Assert.Equal(newName, after.QuerySelector<IHtmlInputElement>("input[name=FullName]")!.Value);
        Assert.Equal(newName, await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).FirstAsync()));
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "user_updated" && a.ResourceId == user.Id.ToString()).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Contains(newName, audit.ChangesJson);
    }

    [Fact]
    public async Task Empty_name_is_refused_with_the_field_message()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var version = await VersionAsync(user.Id);

        var response = await client.PostFormAsync(Page, ("FullName", "   "), ("StartPage", ""), ("Version", version.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Campo obrigatório.", SettingsTests.FieldError(doc, "FullName"));
        Assert.Equal(user.FullName, await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).FirstAsync()));
    }

    [Fact]
    public async Task Stale_version_shows_the_conflict_with_current_values_and_changes_nothing()
    {
        var user = await Users.CreateAsync(roles: ["Colaborador"]);
        using var client = await Users.LoginAsync(user);
        var stale = await VersionAsync(user.Id);
        // Someone else (here: the same person in another tab) saves first.
        var elsewhere = "Outra Aba " + user.Username;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Page, ("FullName", elsewhere), ("StartPage", ""), ("Version", stale.ToString()))).StatusCode);

        var typed = "Digitado Aqui " + user.Username;
        var response = await client.PostFormAsync(Page, ("FullName", typed), ("StartPage", ""), ("Version", stale.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = TestClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Este registro foi alterado por outra pessoa enquanto você editava.", doc.QuerySelector(".validation-summary-errors")!.TextContent);
        var name = doc.QuerySelector<IHtmlInputElement>("input[name=FullName]")!;
        Assert.Equal(elsewhere, name.Value);
        Assert.Contains("is-invalid", name.ClassName);
        Assert.Contains(typed, name.ParentElement!.TextContent);
        Assert.Equal((stale + 1).ToString(), doc.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value);
        Assert.Equal(elsewhere, await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).FirstAsync()));
    }

    // ---- helpers ------------------------------------------------------------

    /// <summary>A valid PNG followed by random bytes, so each upload has its own content and hash.</summary>
    private static byte[] UniquePng() => TinyPng.Concat(RandomNumberGenerator.GetBytes(16)).ToArray();

    private static string Initials(TestUser user) => ("P" + user.Username[..1]).ToUpperInvariant();

    private static string? TopBarPhoto(IHtmlDocument doc) => doc.QuerySelector(".portal-topbar img.avatar")?.GetAttribute("src");

    private Task<int> VersionAsync(long userId) => App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Version).FirstAsync());

    private static async Task<HttpResponseMessage> PostPhotoAsync(TestClient client, byte[] content, string fileName, string contentType = "image/png")
    {
        var token = await client.TokenFromAsync(Page);
        using var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { file, "Photo", fileName },
        };
        return await client.Http.PostAsync(Page + "?handler=Photo", form);
    }

    private Task<StoredFile?> PhotoRowAsync(long userId) => App.WithDbAsync(async db =>
    {
        var id = await db.Users.Where(u => u.Id == userId).Select(u => u.PhotoFileId).FirstAsync();
        return id is Guid guid ? await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == guid) : null;
    });

    private string FilesRoot => Path.Combine(App.DataPath, "files");

    private string DiskPath(string key) => Path.Combine(FilesRoot, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>No row for the user, no photo set, and no file on disk with the refused content.</summary>
    private async Task AssertNothingStoredAsync(long userId, byte[] content)
    {
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PhotoFileId).FirstAsync()));
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == "User" && f.OwnerId == userId)));
        var files = Directory.Exists(FilesRoot) ? Directory.GetFiles(FilesRoot, "*", SearchOption.AllDirectories) : [];
        Assert.DoesNotContain(files, f => new FileInfo(f).Length == content.Length && File.ReadAllBytes(f).AsSpan().SequenceEqual(content));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProfilePhotoTestsSqlite(SqlitePortal portal) : ProfilePhotoTests(portal);

[Collection(MySqlCollection.Name)]
public sealed class ProfilePhotoTestsMySql(MySqlPortal portal) : ProfilePhotoTests(portal);
