"""Records the office must keep: nobody deletes them, and every change is tracked. # rule RE-1"""

KEPT_DOCTYPES = ("Complaint Register", "Handling Notice")
