using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Tasks;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Tasks;

/// <summary>Task attachments through the API: TSK-23, PLT-05 and the download headers of platform.md §5.2.</summary>
public abstract class TasksApiAttachmentTests(SharedPortal portal) : TasksApiTest(portal)
{
    private const int MB = 1024 * 1024;

    [Fact]
    public async Task Tsk23_valid_pdf_is_stored_and_downloadable_only_by_those_who_see_the_task()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var id = (await CreateTaskAsync(member, sector, "Com anexo")).GetProperty("id").GetInt64();
        var bytes = PdfBytes(2 * MB);

        var response = await PostAsync(member, $"{Tasks}/{id}/attachments", Multipart(bytes, "relatório março.pdf"));
        var file = await JsonAsync(response, HttpStatusCode.Created);
        var url = file.GetProperty("url").GetString()!;
        Assert.Equal($"/api/v1/tasks/{id}/attachments/{file.GetProperty("id").GetString()}", url);
        Assert.Equal(url, response.Headers.Location!.OriginalString);
        Assert.Equal("relatório março.pdf", file.GetProperty("name").GetString());
        Assert.Equal("application/pdf", file.GetProperty("contentType").GetString());
        Assert.Equal(bytes.Length, file.GetProperty("size").GetInt64());

        var detail = await JsonAsync(await GetAsync(member, $"{Tasks}/{id}"));
        Assert.Equal(url, Assert.Single(detail.GetProperty("attachments").EnumerateArray()).GetProperty("url").GetString());
        var history = await JsonAsync(await GetAsync(member, $"{Tasks}/{id}/history"));
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "AttachmentAdded");

        var download = await GetAsync(member, url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("relatório março.pdf", disposition.FileNameStar); // RFC 5987 encoding of the original name
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(download.Headers.CacheControl!.Private);
        Assert.True(download.Headers.CacheControl.NoStore);

        var outsider = await CallerAsync(await SectorAsync());
        await ErrorAsync(await GetAsync(outsider, url), HttpStatusCode.NotFound, "not_found");
        var viewAll = await CallerAsync(await SectorAsync(), "tasks.view_all");
        Assert.Equal(bytes, await (await GetAsync(viewAll, url)).Content.ReadAsByteArrayAsync());

        // Removal: not for someone who only sees it; the uploader may.
        await ErrorAsync(await SendAsync(viewAll, HttpMethod.Delete, url), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(member, HttpMethod.Delete, url)).StatusCode);
        await ErrorAsync(await GetAsync(member, url), HttpStatusCode.NotFound, "not_found");
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id)));
    }

    [Fact]
    public async Task Tsk23_an_exe_renamed_to_pdf_is_400_file_type_not_allowed()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var id = (await CreateTaskAsync(member, sector, "Executável disfarçado")).GetProperty("id").GetInt64();
        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);

        var error = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/attachments", Multipart(exe, "nota.pdf")),
            HttpStatusCode.BadRequest, "file_type_not_allowed");
        Assert.Equal("Tipo de arquivo não permitido.", error.Message);
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id)));
    }

    [Fact]
    public async Task Plt05_a_26_mb_attachment_is_413_with_the_size_message()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var id = (await CreateTaskAsync(member, sector, "Anexo grande")).GetProperty("id").GetInt64();

        var error = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/attachments", Multipart(PdfBytes(26 * MB), "grande.pdf")),
            HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Equal("Arquivo excede o tamanho permitido (25 MB).", error.Message);
        Assert.False(await App.WithDbAsync(db => db.StoredFiles.AnyAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == id)));
    }

    [Fact]
    public async Task Upload_without_a_file_or_as_json_is_refused_and_editing_rights_are_required()
    {
        var sector = await SectorAsync();
        var member = await CallerAsync(sector);
        var id = (await CreateTaskAsync(member, sector, "Sem arquivo")).GetProperty("id").GetInt64();

        var noFile = new MultipartFormDataContent { { new StringContent("x"), "outro" } };
        var missing = await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/attachments", noFile), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Campo obrigatório."], missing.Fields!["file"]);
        await ErrorAsync(await PostAsync(member, $"{Tasks}/{id}/attachments", new { file = "x" }), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        var viewAll = await CallerAsync(await SectorAsync(), "tasks.view_all");
        await ErrorAsync(await PostAsync(viewAll, $"{Tasks}/{id}/attachments", Multipart(PdfBytes(100), "a.pdf")), HttpStatusCode.Forbidden, "forbidden");
    }

    private static byte[] PdfBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static MultipartFormDataContent Multipart(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { content, "file", name } };
    }
}

[Collection(SqliteCollection.Name)] public sealed class TasksApiAttachmentTestsSqlite(SqlitePortal portal) : TasksApiAttachmentTests(portal);
[Collection(MySqlCollection.Name)] public sealed class TasksApiAttachmentTestsMySql(MySqlPortal portal) : TasksApiAttachmentTests(portal);
