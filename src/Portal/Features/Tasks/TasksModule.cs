using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Platform.Contracts;
using Portal.Platform.Events;
using Portal.Platform.Files;
using Portal.Platform.RichText;
using Portal.Platform.Setup;

namespace Portal.Features.Tasks;

public static class TasksModule
{
    private const long MB = 1024 * 1024;

    public static readonly FileUseCase AttachmentUseCase = new(TaskService.AttachmentUseCase,
    [
        DocumentFileTypes.Doc, DocumentFileTypes.Docx, DocumentFileTypes.Xls, DocumentFileTypes.Xlsx, DocumentFileTypes.Ppt,
        DocumentFileTypes.Pptx, DocumentFileTypes.Odt, DocumentFileTypes.Ods, DocumentFileTypes.Txt, DocumentFileTypes.Csv,
        DocumentFileTypes.Xml, DocumentFileTypes.Zip, FileTypes.Pdf, FileTypes.Png, FileTypes.Jpeg, DocumentFileTypes.Gif, FileTypes.Webp,
    ], 25 * MB);

    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddDomainEvents();
        builder.Services.TryAddScoped<RichText>();
        builder.Services.TryAddScoped<IClientDirectory, NoClientDirectory>();
        builder.Services.AddScoped<TaskDependencies>();
        builder.Services.AddScoped<TaskService>();
        builder.Services.AddFileUseCase(AttachmentUseCase);
        builder.Services.AddScoped<ILargeDemoGenerator, TasksDemoData>();
        return builder;
    }
}
