namespace Alpharun
{
    /// <summary>Whether another program holds a recording open in a way the operating system reveals (<see cref="RecordingFile.HolderOf"/>).</summary>
    public enum FileHolder
    {
        /// <summary>Nothing shows another program holding it.</summary>
        None,

        /// <summary>Another program has it open for writing (Windows: its open would deny the module's write-denying check).</summary>
        Writer,

        /// <summary>Another program holds it so that it cannot even be read (Windows: a share mode without read; elsewhere: an exclusive lock).</summary>
        Exclusive,
    }
}
