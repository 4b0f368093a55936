namespace Portal.Platform.Data;

/// <summary>Database errors that callers handle instead of answering 500.</summary>
public static class DbErrors
{
    /// <summary>
    /// InnoDB chose this transaction as a deadlock victim (error 1213) and rolled it back: nothing was written, and
    /// running the unit of work again — after re-reading — is the documented remedy. Two simultaneous status moves of
    /// one task deadlock this way (both read-lock the task row for the history insert, then both want to update it).
    /// </summary>
    public static bool IsDeadlock(Exception exception)
    {
        // Pomelo's execution strategy wraps the DbUpdateException in an InvalidOperationException ("transient failure").
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is MySqlConnector.MySqlException { ErrorCode: MySqlConnector.MySqlErrorCode.LockDeadlock }) return true;
        return false;
    }
}
