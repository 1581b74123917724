package org.ensemble.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/** Every execution of the episode jobs, and one execution with its steps; fragments for htmx polling. */
@Controller
@RequestMapping("/console/runs")
class RunsController {

    private static final int SHOWN = 50;
    private final RunBoard board;

    RunsController(RunBoard board) {
        this.board = board;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("runs", board.recent(SHOWN));
        return "console/runs";
    }

    @GetMapping("/table")
    String table(Model model) {
        model.addAttribute("runs", board.recent(SHOWN));
        return "console/runs :: table";
    }

    @GetMapping("/{id}")
    String run(@PathVariable long id, Model model) {
        model.addAttribute("run", find(id));
        return "console/run";
    }

    @GetMapping("/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("run", find(id));
        return "console/run :: progress";
    }

    private RunBoard.RunView find(long id) {
        return board.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run " + id));
    }
}
