namespace Alpharun
{
    /// <summary>What a batch does with one file, as <see cref="UploadPlanner"/> decided it.</summary>
    public enum UploadPlanKind
    {
        /// <summary>Send it: every check passed and nothing shows it was accepted before.</summary>
        Send,

        /// <summary>Do not send it: the journal shows the API accepted it before (<see cref="UploadPlan.Result"/> says when, with which id).</summary>
        Skip,

        /// <summary>Do not send it: it breaks a rule (<see cref="UploadPlan.Failures"/>).</summary>
        Invalid,

        /// <summary>
        /// Do not send it now: it is still being written (<see cref="RecordingReadiness"/>). <see cref="UploadPlan.Result"/>
        /// is its outcome, Status InProgress; it is no error and is not journaled, so a later run sends it.
        /// </summary>
        InProgress,
    }
}
