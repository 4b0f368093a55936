using AngleSharp.Html.Dom;
using Portal.Platform.Files;

namespace Portal.Platform.RichText;

/// <summary>
/// platform.md §4: <c>data:</c> images inside submitted HTML become stored files (use case <c>editor-image</c>: PNG,
/// JPEG, GIF or WebP by content, at most 5 MB each; SVG never) and the image points at <c>/arquivos/{id}</c>. An image
/// that is refused is removed from the content. The same image pasted twice is stored once.
/// </summary>
public sealed class EditorImages(FileUploads uploads)
{
    /// <summary>Base64 text longer than this cannot decode to an allowed size; it is refused without decoding.</summary>
    private static long MaxEncodedLength => PlatformFileUseCases.EditorImageUseCase.MaxBytes / 3 * 4 + 1024;

    public async Task<IReadOnlyList<StoredFile>> ExtractDataImagesAsync(IHtmlDocument document, long? actorId, CancellationToken ct = default)
    {
        var stored = new List<StoredFile>();
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        var owner = EditorImageReadAccess.OwnerFor(actorId ?? 0);
        foreach (var image in document.Body!.QuerySelectorAll("img[src]").ToList())
        {
            var src = image.GetAttribute("src")!.Trim();
            if (!src.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) continue;
            if (!urls.TryGetValue(src, out var url))
            {
                var file = await StoreAsync(src, owner, actorId, ct);
                if (file is not null)
                {
                    stored.Add(file);
                    url = FileEndpoints.UrlFor(file.Id);
                    urls[src] = url;
                }
            }
            if (url is null) image.Remove();
            else image.SetAttribute("src", url);
        }
        return stored;
    }

    private async Task<StoredFile?> StoreAsync(string dataUrl, FileOwner owner, long? actorId, CancellationToken ct)
    {
        if (Decode(dataUrl) is not { } decoded) return null;
        var source = new UploadSource("imagem" + decoded.Extension, decoded.Bytes.Length, () => new MemoryStream(decoded.Bytes, writable: false));
        var result = await uploads.StoreAsync(PlatformFileUseCases.EditorImage, source, owner, actorId, ct: ct);
        return result.File;
    }

    /// <summary><c>data:image/png;base64,…</c> → bytes and the extension its declared type implies (content is checked later).</summary>
    private static (byte[] Bytes, string Extension)? Decode(string dataUrl)
    {
        var comma = dataUrl.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || dataUrl.Length - comma > MaxEncodedLength) return null;
        var header = dataUrl[5..comma].ToLowerInvariant().Split(';', StringSplitOptions.TrimEntries);
        if (!header.Contains("base64")) return null;
        var extension = header[0] switch
        {
            "image/png" => ".png",
            "image/jpeg" or "image/jpg" => ".jpg",
            "image/gif" => ".gif",
            "image/webp" => ".webp",
            _ => null,
        };
        if (extension is null) return null;
        try
        {
            return (Convert.FromBase64String(dataUrl[(comma + 1)..]), extension);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
