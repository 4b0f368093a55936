using Portal.Platform.Ops.Import;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Platform.Contracts;
using Portal.Platform.Events;
using Portal.Platform.Authorization;
using Portal.Platform.Files;
using Portal.Platform.Setup;
using Portal.Platform.Web;

namespace Portal.Features.Tasks;

public static class TasksModule
{
    private const long MB = 1024 * 1024;

    public static readonly FileUseCase AttachmentUseCase = new(TaskService.AttachmentUseCase,
    [
        DocumentFileTypes.Doc, DocumentFileTypes.Docx, DocumentFileTypes.Xls, DocumentFileTypes.Xlsx, DocumentFileTypes.Ppt,
        DocumentFileTypes.Pptx, DocumentFileTypes.Odt, DocumentFileTypes.Ods, DocumentFileTypes.Txt, DocumentFileTypes.Csv,
        DocumentFileTypes.Xml, DocumentFileTypes.Zip, FileTypes.Pdf, FileTypes.Png, FileTypes.Jpeg, FileTypes.Gif, FileTypes.Webp,
    ], 25 * MB);

    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddDomainEvents();
        builder.Services.TryAddScoped<IClientDirectory, NoClientDirectory>();
        builder.Services.AddScoped<IClientDependents, TaskClientDependents>();
        builder.Services.AddScoped<IClientTasks, TaskClientTasks>();
        builder.Services.AddScoped<TaskDependencies>();
        builder.Services.AddLegacyImportStep<TasksLegacyImport>();
        builder.Services.AddScoped<TaskService>();
        builder.Services.AddScoped<TaskApiReads>();
        builder.Services.AddSingleton(TaskReadCache.Tables);
        builder.Services.AddSingleton(Pages.TaskChoices.Tables);
        builder.Services.AddSingleton<TaskReadCache>();
        builder.Services.AddSingleton<Pages.BoardFragments>();
        builder.Services.AddFileUseCase(AttachmentUseCase);
        builder.Services.AddFileReadAccess<TaskFileAccess>();
        builder.Services.AddScoped<TaskQueries>();
        builder.Services.AddScoped<IDomainEventHandler<ITaskEvent>, TaskRealtimeEvents>();
        builder.Services.TryAddScoped<INotificationPublisher, NoNotificationPublisher>();
        builder.Services.AddScoped<IDomainEventHandler<ITaskEvent>, TaskNotifications>();
        builder.Services.AddSingleton<IDigestSource, TaskDigestSource>();
        // Sector boards are reached from "Quadros dos setores" on the boards: the menu is the same for everyone.
        builder.Services.AddMenuItem(new MenuItem("Tarefas", "Visão Geral", "bi-kanban", "/tarefas/visao-geral", Permissions.TasksAccess, 100));
        builder.Services.AddMenuItem(new MenuItem("Tarefas", "Minhas tarefas", "bi-person-check", "/tarefas/minhas", Permissions.TasksAccess, 110));
        builder.Services.AddMenuItem(new MenuItem("Tarefas", "Somente para mim", "bi-lock", "/tarefas/pessoais", Permissions.TasksAccess, 120));
        builder.Services.AddMenuItem(new MenuItem("Tarefas", "Histórico", "bi-clock-history", "/tarefas/historico", Permissions.TasksAccess, 130));
        builder.Services.AddScoped<ILargeDemoGenerator, TasksDemoData>();
        return builder;
    }

    /// <summary>The /api/v1/tasks group (tasks.md §9) and the client picker's search; task pages are discovered by Razor Pages.</summary>
    public static void MapTasks(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapTaskClientPicker();
        api.MapTasksApi();
    }
}
