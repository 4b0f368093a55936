using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Portal.Platform.Data;

/// <summary>
/// An EF compiled query per model. A compiled query is bound to the model it first ran with, and the SQLite and MariaDB
/// models differ (tests run both providers in one process), so a static compiled query needs one copy per model.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> _queries = new();

    public TQuery For(PortalDb db) => _queries.GetOrAdd(db.Model, _ => compile());
}
