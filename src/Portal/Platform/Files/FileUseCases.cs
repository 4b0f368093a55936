namespace Portal.Platform.Files;

/// <summary>
/// A row of platform.md §5.3: what may be uploaded for one purpose. Each module registers its own use cases with
/// <see cref="FileUseCaseExtensions.AddFileUseCase"/>, so the upload service knows no module.
/// </summary>
public sealed record FileUseCase(string Key, IReadOnlyList<FileType> Types, long MaxBytes)
{
    public string MaxSizeLabel => MaxBytes % (1024 * 1024) == 0
        ? $"{MaxBytes / (1024 * 1024)} MB"
        : (MaxBytes / (1024d * 1024)).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("pt-BR")) + " MB";

    /// <summary>For the file input's <c>accept</c> attribute (a hint only; the server decides).</summary>
    public string Accept => string.Join(",", Types.SelectMany(t => t.Extensions).Distinct());

    public string TypesLabel => string.Join(", ", Types.SelectMany(t => t.Extensions).Distinct().Select(e => e.TrimStart('.').ToUpperInvariant()));
}

/// <summary>The use cases owned by the platform itself.</summary>
public static class PlatformFileUseCases
{
    public const string Logo = "logo";

    /// <summary>Images pasted, dropped or embedded in rich text (platform.md §4).</summary>
    public const string EditorImage = "editor-image";

    private const long MB = 1024 * 1024;

    public static readonly FileUseCase LogoUseCase = new(Logo, [FileTypes.Png, FileTypes.Jpeg, FileTypes.Webp], 2 * MB);

    public static readonly FileUseCase EditorImageUseCase = new(EditorImage, [FileTypes.Png, FileTypes.Jpeg, FileTypes.Gif, FileTypes.Webp], 5 * MB);
}

public static class FileUseCaseExtensions
{
    public static IServiceCollection AddFileUseCase(this IServiceCollection services, FileUseCase useCase) =>
        services.AddSingleton(useCase);
}
