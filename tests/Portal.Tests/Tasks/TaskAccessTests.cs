using Portal.Features.Tasks;

namespace Portal.Tests.Tasks;

/// <summary>tasks.md §3 as pure rules: one policy for pages and API. Private tasks belong to their creator alone.</summary>
public sealed class TaskAccessTests
{
    private const long Me = 7, Creator = 1, Assignee = 2, Completer = 3, Sector = 50, OtherSector = 60;

    private static TaskViewer Viewer(bool access = true, bool viewAll = false, bool manageAny = false, bool createOther = false, params long[] sectors) =>
        new(Me, sectors.ToHashSet(), access, viewAll, manageAny, createOther);

    /// <summary>Holds every task permission and belongs to the task's sector: the most a non-creator can be.</summary>
    private static TaskViewer Almighty => Viewer(true, true, true, true, Sector, OtherSector);

    private static TaskItem Task(TaskItemStatus status = TaskItemStatus.Pending, long creator = Creator, long? assignee = Assignee,
        bool isPrivate = false, long? completer = null) => new()
    {
        Id = 100, Title = "T", Status = status, CreatorId = creator, AssigneeId = assignee, IsPrivate = isPrivate,
        SectorId = isPrivate ? null : Sector, CompletedById = completer,
    };

    private static readonly TaskRelation None = new(IsFollower: false, IsParticipant: false);
    private static readonly TaskRelation Follower = new(IsFollower: true, IsParticipant: true);
    private static readonly TaskRelation Commenter = new(IsFollower: false, IsParticipant: true);

    // ---- See ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Non_private_task_is_seen_by_view_all_sector_members_participants_and_people_involved()
    {
        var task = Task();
        Assert.True(TaskAccess.CanSee(Viewer(viewAll: true), task, None));
        Assert.True(TaskAccess.CanSee(Viewer(sectors: Sector), task, None));
        Assert.True(TaskAccess.CanSee(Viewer(), task, Follower));
        Assert.True(TaskAccess.CanSee(Viewer(), task, Commenter));
        Assert.True(TaskAccess.CanSee(Viewer(), Task(creator: Me), None));
        Assert.True(TaskAccess.CanSee(Viewer(), Task(assignee: Me), None));
        Assert.True(TaskAccess.CanSee(Viewer(), Task(TaskItemStatus.Done, completer: Me), None));
    }

    [Fact]
    public void Non_private_task_is_hidden_from_outsiders_even_with_manage_any_or_create_other_sectors()
    {
        Assert.False(TaskAccess.CanSee(Viewer(sectors: OtherSector), Task(), None));
        // tasks.manage_any is about acting on tasks one can see; visibility comes from view_all (tasks.md §3).
        Assert.False(TaskAccess.CanSee(Viewer(manageAny: true, createOther: true), Task(), None));
    }

    [Fact]
    public void Without_tasks_access_nothing_is_visible_or_allowed()
    {
        var noAccess = new TaskViewer(Creator, new HashSet<long> { Sector }, false, true, true, true);
        var own = Task();
        Assert.False(TaskAccess.CanSee(noAccess, own, Follower));
        Assert.False(TaskAccess.CanEdit(noAccess, own, Follower));
        Assert.False(TaskAccess.CanTransfer(noAccess, own, Follower));
        Assert.False(TaskAccess.CanDelete(noAccess, own));
        Assert.False(TaskAccess.CanRemoveAttachment(noAccess, own, Creator));
        Assert.False(TaskAccess.CanDeleteComment(noAccess, own));
    }

    [Fact]
    public void Private_task_of_another_user_is_never_visible_nor_actionable_whatever_the_permissions()
    {
        var theirs = Task(isPrivate: true, creator: Creator, assignee: Creator);
        foreach (var relation in new[] { None, Follower, Commenter })
        {
            Assert.False(TaskAccess.CanSee(Almighty, theirs, relation));
            Assert.False(TaskAccess.CanEdit(Almighty, theirs, relation));
            Assert.False(TaskAccess.CanTransfer(Almighty, theirs, relation));
        }
        Assert.False(TaskAccess.CanDelete(Almighty, theirs));
        Assert.False(TaskAccess.CanRemoveAttachment(Almighty, theirs, uploadedById: Me));
        Assert.False(TaskAccess.CanDeleteComment(Almighty, theirs));
        // Even if the viewer's id were (wrongly) the assignee or completer of it.
        Assert.False(TaskAccess.CanSee(Almighty, Task(isPrivate: true, assignee: Me, completer: Me), None));
    }

    [Fact]
    public void Private_task_belongs_to_its_creator()
    {
        var mine = Task(isPrivate: true, creator: Me, assignee: Me);
        var me = Viewer();
        Assert.True(TaskAccess.CanSee(me, mine, None));
        Assert.True(TaskAccess.CanEdit(me, mine, None));
        Assert.True(TaskAccess.CanDelete(me, mine));
        Assert.True(TaskAccess.CanRemoveAttachment(me, mine, uploadedById: null));
        Assert.False(TaskAccess.CanTransfer(me, mine, None)); // private tasks have no sector to move between
        Assert.False(TaskAccess.CanDeleteComment(Viewer(manageAny: true), mine));
    }

    // ---- Edit --------------------------------------------------------------------------------------------------

    [Fact]
    public void Open_task_is_editable_by_creator_assignee_follower_and_sector_member_only()
    {
        Assert.True(TaskAccess.CanEdit(Viewer(), Task(creator: Me), None));
        Assert.True(TaskAccess.CanEdit(Viewer(), Task(assignee: Me), None));
        Assert.True(TaskAccess.CanEdit(Viewer(), Task(), Follower));
        Assert.True(TaskAccess.CanEdit(Viewer(sectors: Sector), Task(), None));
        Assert.False(TaskAccess.CanEdit(Viewer(), Task(), Commenter)); // commenting makes a participant, not an editor
        Assert.False(TaskAccess.CanEdit(Viewer(viewAll: true, createOther: true), Task(), None));
        Assert.True(TaskAccess.CanEdit(Viewer(manageAny: true), Task(), None));
    }

    [Fact]
    public void Done_task_is_editable_only_with_manage_any()
    {
        var done = Task(TaskItemStatus.Done, assignee: Me, creator: Me, completer: Me);
        Assert.False(TaskAccess.CanEdit(Viewer(viewAll: true, sectors: Sector), done, Follower)); // TSK-12
        Assert.True(TaskAccess.CanEdit(Viewer(manageAny: true), done, None));
    }

    // ---- Transfer, attachments, delete, comments ---------------------------------------------------------------

    [Fact]
    public void Transfer_is_for_creator_assignee_follower_or_manage_any_not_for_sector_members()
    {
        Assert.True(TaskAccess.CanTransfer(Viewer(), Task(creator: Me), None));
        Assert.True(TaskAccess.CanTransfer(Viewer(), Task(assignee: Me), None));
        Assert.True(TaskAccess.CanTransfer(Viewer(), Task(), Follower));
        Assert.True(TaskAccess.CanTransfer(Viewer(manageAny: true), Task(), None));
        Assert.False(TaskAccess.CanTransfer(Viewer(viewAll: true, createOther: true, sectors: Sector), Task(), Commenter));
    }

    [Fact]
    public void Attachment_removal_is_for_uploader_creator_or_manage_any()
    {
        Assert.True(TaskAccess.CanRemoveAttachment(Viewer(), Task(), uploadedById: Me));
        Assert.True(TaskAccess.CanRemoveAttachment(Viewer(), Task(creator: Me), uploadedById: Assignee));
        Assert.True(TaskAccess.CanRemoveAttachment(Viewer(manageAny: true), Task(), uploadedById: Assignee));
        Assert.False(TaskAccess.CanRemoveAttachment(Viewer(viewAll: true, sectors: Sector), Task(assignee: Me), uploadedById: Assignee));
        Assert.False(TaskAccess.CanRemoveAttachment(Viewer(), Task(), uploadedById: null));
    }

    [Fact]
    public void Delete_is_for_the_creator_or_manage_any()
    {
        Assert.True(TaskAccess.CanDelete(Viewer(), Task(creator: Me)));
        Assert.True(TaskAccess.CanDelete(Viewer(manageAny: true), Task()));
        Assert.False(TaskAccess.CanDelete(Viewer(viewAll: true, createOther: true, sectors: Sector), Task(assignee: Me)));
    }

    [Fact]
    public void Comments_are_deleted_only_with_manage_any()
    {
        Assert.True(TaskAccess.CanDeleteComment(Viewer(manageAny: true), Task()));
        Assert.False(TaskAccess.CanDeleteComment(Viewer(viewAll: true, sectors: Sector), Task(creator: Me)));
    }

    // ---- Workflow actor and sectors ----------------------------------------------------------------------------

    [Fact]
    public void Actor_reflects_the_viewers_relation_to_the_task()
    {
        Assert.Equal(new TransitionActor(true, false, false, false), TaskAccess.Actor(Viewer(), Task(creator: Me)));
        Assert.Equal(new TransitionActor(false, true, false, false), TaskAccess.Actor(Viewer(), Task(assignee: Me)));
        Assert.Equal(new TransitionActor(false, false, true, false), TaskAccess.Actor(Viewer(sectors: Sector), Task()));
        Assert.Equal(new TransitionActor(false, false, false, true), TaskAccess.Actor(Viewer(manageAny: true), Task()));
        // A follower who is not a sector member gets no workflow role (tasks.md §4: followers cannot start a task).
        Assert.Equal(new TransitionActor(false, false, false, false), TaskAccess.Actor(Viewer(sectors: OtherSector), Task()));
    }

    [Fact]
    public void Sectors_usable_for_create_and_transfer()
    {
        Assert.True(TaskAccess.MayUseSector(Viewer(sectors: Sector), Sector));
        Assert.False(TaskAccess.MayUseSector(Viewer(sectors: Sector), OtherSector));
        Assert.True(TaskAccess.MayUseSector(Viewer(createOther: true), OtherSector));
        Assert.True(TaskAccess.MayUseSector(Viewer(manageAny: true), OtherSector));
        Assert.False(TaskAccess.MayUseSector(Viewer(viewAll: true), OtherSector));
    }
}
