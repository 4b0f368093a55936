using Microsoft.EntityFrameworkCore;
using Portal.Platform.Data;
using Portal.Platform.Files;

namespace Portal.Features.Account.Photos;

/// <summary>
/// GET /usuarios/{id}/foto: any signed-in user may see a colleague's photo (fallback policy), the way the top bar and,
/// later, boards and comments show people. Links carry ?v=&lt;file id&gt; (Platform/Web/Avatars), so an hour of private
/// caching never shows a replaced photo.
/// </summary>
public static class UserPhotoEndpoints
{
    public static void MapUserPhotos(this IEndpointRouteBuilder app) => app.MapGet("/usuarios/{id:long}/foto", PhotoAsync);

    private static async Task<IResult> PhotoAsync(long id, HttpContext http, PortalDb db, FileUploads files, CancellationToken ct)
    {
        // The user row decides which file is the photo; the owner check keeps any other file id from being served here.
        var file = await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerType == UserPhotos.OwnerType && f.OwnerId == id && f.Purpose == UserPhotos.UseCaseKey)
            .Where(f => db.Users.Any(u => u.Id == id && u.PhotoFileId == f.Id))
            .FirstOrDefaultAsync(ct);
        return await InlineImage.ServeAsync(http, files, file, ct);
    }
}
